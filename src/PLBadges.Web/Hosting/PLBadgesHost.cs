using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Data.Settings;
using PLBadges.Web.Operations;
using PLBadges.Web.Recipes;
using PLBadges.Web.Refusals;
using PLBadges.Web.Security;

namespace PLBadges.Web.Hosting;

/// <summary>The whole host in two calls: AddPLBadges and UsePLBadgesAsync.</summary>
public static class PLBadgesHost
{
    private static readonly LockKey MigrationLock = new("migrations");
    public const string InitializedSettingKey = "site.initialized";

    public static WebApplicationBuilder AddPLBadges(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var catalog = ModuleCatalog.Discover(typeof(PLBadgesHost).Assembly);

        // The theme's and modules' files (/_content/...) are served from their projects when run from
        // source in any environment (the build's static assets manifest names them), and from wwwroot once published.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        SiteAddress.Check(configuration);
        // With an https public address every cookie is Secure, even when TLS ends at a proxy in front.
        services.Configure<CookiePolicyOptions>(o => o.Secure = SiteOrigin.IsHttps(configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.None);

        services.AddSingleton(catalog);
        foreach (var module in catalog.Modules)
        {
            services.AddSingleton(module);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddPLBadgesData(configuration, builder.Environment);
        services.AddSingleton<SiteOrigin>();
        services.AddReadiness();
        services.AddSingleton<ModuleState>();
        services.AddSingleton<IModuleState>(sp => sp.GetRequiredService<ModuleState>());
        services.AddSingleton<IPermissionCatalog, PermissionCatalog>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<INavigationMenu, NavigationMenu>();
        services.AddOptions<RecipeOptions>().Bind(configuration.GetSection(RecipeOptions.Section));
        services.AddSingleton<RecipeLibrary>();
        services.AddScoped<RecipeExecutor>();
        services.AddRecipeStep<ModulesRecipeStep>();
        services.AddPLBadgesJobs(configuration);

        var pages = services.AddRazorPages(options =>
        {
            // Secure by default: every page needs a signed-in person unless it says [AllowAnonymous].
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.Add(new ModulePageConvention(catalog));
        });
        AddApplicationParts(pages.PartManager, catalog);
        pages.AddMvcOptions(options =>
        {
            // A form field left empty arrives as "" rather than null, so pages can trust their string
            // properties; pages say themselves, in words, what is missing.
            options.ModelMetadataDetailsProviders.Add(new EmptyStringsStayEmpty());
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            // A refused change, on any page: the message at its field, 422, nothing saved.
            options.Filters.Add<RefusalPageFilter>();
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "plb.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddProblemDetails();
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "PLBadges API";
                document.Info.Description = "The JSON API of PLBadges: pathways, people's work and credentials, and the licensure feed.";
                return Task.CompletedTask;
            });
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A flood limit per client address and node, high enough for a school signing in together from one
            // address; password guessing is slowed per account and per address by Identity's throttle.
            var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 120);
            options.AddPolicy(RateLimitPolicies.SignIn, context =>
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        "signin:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var tokenPerMinute = configuration.GetValue("RateLimits:TokenPerMinute", 300);
            options.AddPolicy(RateLimitPolicies.Token, context => RateLimitPartition.GetFixedWindowLimiter(
                "token:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = tokenPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var apiPerMinute = configuration.GetValue("RateLimits:ApiPerMinute", 600);
            options.AddPolicy(RateLimitPolicies.Api, context => RateLimitPartition.GetFixedWindowLimiter(
                // Limiting runs before authentication, so by the caller's address: a caller cannot buy a fresh budget with another (or a made-up) token.
                "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var verifyPerMinute = configuration.GetValue("RateLimits:VerifyPerMinute", 30);
            options.AddPolicy(RateLimitPolicies.Verify, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "verify:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = verifyPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("read"));
        });

        foreach (var module in catalog.Modules)
        {
            module.AddServices(services, configuration);
        }

        return builder;
    }

    public static async Task UsePLBadgesAsync(this WebApplication app)
    {
        // Settings first, before anything touches the database: a wrong setting is reported as itself.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await InitializeDatabaseAsync(app.Services, app.Lifetime.ApplicationStopping);
        Jobs.ScheduleRecurringWork(app.Services);
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();

        if (app.Configuration.GetValue("Site:BehindProxy", false))
        {
            // The proxy in front is trusted wherever it runs; switch this on only when the site cannot be reached except through it.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), html =>
        {
            if (!app.Environment.IsDevelopment())
            {
                html.UseExceptionHandler("/error");
            }

            html.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UsePersonalResponsesUnshared();
        app.UseCookiePolicy();
        // Browsers and other clients ask for /favicon.ico at the root: answer with the theme's icon.
        app.UseRewriter(new RewriteOptions().AddRewrite(@"^favicon\.ico$", $"_content/{typeof(Theme.Default.ThemeMarker).Assembly.GetName().Name}/icons/favicon.ico", skipRemainingRules: true));
        app.UseRouting();
        app.UseRateLimiter();
        // A public document (a credential, a key, a status list) is the same for everyone, and a verification depends on
        // what is sent alone: neither reads a sign-in cookie nor passes a module's own middleware, so neither sets a cookie
        // and a shared cache may keep a public document. The key tells WebApplication that authentication is in the
        // pipeline (in the branch), so it does not add its own at the start.
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<SignInUnreadMetadata>() == null, personal =>
        {
            personal.UseAuthentication();
            foreach (var module in catalog.Modules)
            {
                module.ConfigurePipeline(personal);
            }
        });
        app.UseAuthorization();
        app.UseModuleSwitch();
        app.UseAntiforgery();
        app.UseHangfireDashboard(SecurityHeaders.DashboardPath, new DashboardOptions
        {
            AsyncAuthorization = [new PlatformAdminDashboardFilter()],
            DashboardTitle = "PLBadges jobs",
            AppPath = "/",
        });

        // The theme's and modules' files, as endpoints from the build's (or the publication's) static assets manifest:
        // an ETag and Content-Length known ahead, gzip/Brotli files precompressed at build, and fingerprinted
        // addresses (site.{hash}.css, a year and immutable) that pages link to. They are public documents: no
        // sign-in cookie is read for them and none is set.
        // Once routing has found one, nothing after it applies (ShortCircuit). Outside Development each file is read once
        // and then answered from memory.
        if (!app.Environment.IsDevelopment())
        {
            app.Environment.WebRootFileProvider = new StaticFilesInMemory(app.Environment.WebRootFileProvider);
        }

        app.MapStaticAssets().AsPublicDocument().ShortCircuit();
        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // WithStaticAssets lets the pages' <link> and <script> tags name the fingerprinted addresses.
        app.MapRazorPages().WithStaticAssets();
        foreach (var module in catalog.Modules)
        {
            // Secure by default, as for pages: an endpoint that anyone may call says .AllowAnonymous().
            var group = app.MapGroup("").WithMetadata(new ModuleEndpointMetadata(module.Name)).RequireAuthorization()
                .AddEndpointFilter<RefusalEndpointFilter>();
            module.MapEndpoints(group);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(no address)";
            var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            Console.WriteLine($"PLBadges is running at {addresses} (database: {database.Provider}). Press Ctrl+C to stop.");
        });
    }

    /// <summary>
    /// The migrations were squashed into one per provider before the first release, so a database made
    /// by the earlier ones cannot be brought up to date: the site says so in one line, with what to delete.
    /// </summary>
    private static async Task RefuseOldMigrationsAsync(PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(id => !known.Contains(id)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var delete = db.IsPostgres
            ? $"drop the PostgreSQL database \"{db.Database.GetDbConnection().Database}\" (with docker compose: `docker compose down -v`)"
            : $"delete the database file {db.Database.GetDbConnection().DataSource} (the demo's App_Data folder, or the compose volume)";
        throw new StartupException(
            $"this database was made by an earlier build's migrations ({unknown[0]}{(unknown.Count > 1 ? $" and {unknown.Count - 1} more" : "")}), "
            + $"which were replaced by one Initial migration before the first release; nothing in it can be carried over: {delete}, then start the site again.");
    }

    /// <summary>
    /// Migrates the database and, on the first start of an empty one, applies the configured recipe.
    /// Both happen under a lock, so two nodes starting at once do it once.
    /// </summary>
    public static async Task InitializeDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<PLBadgesDbContext>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("PLBadges.Startup");
        if (db.IsPostgres && await DatabaseCreation.EnsurePostgresAsync(db.Database.GetConnectionString()!, cancellationToken))
        {
            logger.LogInformation("Created the PostgreSQL database {Database}", db.Database.GetDbConnection().Database);
        }

        await using (await db.HoldAsync(MigrationLock, cancellationToken))
        {
            await RefuseOldMigrationsAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            if (!db.IsPostgres)
            {
                // Readers do not wait for the writer; the busy timeout covers writers.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            var settings = provider.GetRequiredService<SiteSettings>();
            if (await settings.GetAsync<string>(InitializedSettingKey, cancellationToken) != null)
            {
                return;
            }

            var recipeName = provider.GetRequiredService<IOptions<RecipeOptions>>().Value.OnFirstRun;
            if (!string.Equals(recipeName, "none", StringComparison.OrdinalIgnoreCase))
            {
                var recipe = provider.GetRequiredService<RecipeLibrary>().Get(recipeName);
                await provider.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe, cancellationToken);
                logger.LogInformation("First run: applied the {Recipe} recipe", recipe.Name);
            }

            await settings.SetAsync(InitializedSettingKey, recipeName, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static void AddApplicationParts(ApplicationPartManager parts, ModuleCatalog catalog)
    {
        var assemblies = catalog.Modules.Select(m => m.GetType().Assembly)
            .Append(typeof(Theme.Default.ThemeMarker).Assembly);
        foreach (var assembly in assemblies)
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name))
            {
                continue;
            }

            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            {
                parts.ApplicationParts.Add(part);
            }
        }
    }

    /// <summary>A switched-off module's pages and endpoints answer 404.</summary>
    private static IApplicationBuilder UseModuleSwitch(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var module = context.GetEndpoint()?.Metadata.GetMetadata<ModuleEndpointMetadata>();
            if (module != null && !await context.RequestServices.GetRequiredService<IModuleState>().IsEnabledAsync(module.ModuleName, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });

    /// <summary>Tags each Razor page with the module whose assembly holds it.</summary>
    private sealed class ModulePageConvention(ModuleCatalog catalog) : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            var module = catalog.FindByAssembly(model.HandlerType.Assembly);
            if (module != null)
            {
                model.EndpointMetadata.Add(new ModuleEndpointMetadata(module.Name));
            }
        }
    }
}
