using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity;
using PLBadges.Identity.Access;
using PLBadges.Identity.Api;
using PLBadges.Identity.Contracts;
using PLBadges.Identity.OpenId;
using PLBadges.Identity.People;
using PLBadges.Identity.Recipes;
using PLBadges.Identity.Roster;

[assembly: PLBadgesModule(typeof(IdentityModule))]

namespace PLBadges.Identity;

/// <summary>People, their roles in organizations, signing in, and the OpenID Connect server.</summary>
public sealed class IdentityModule : ModuleStartup
{
    /// <summary>The scheme that picks bearer tokens for API calls that carry one, the cookie otherwise.</summary>
    public const string Scheme = "PLBadges";
    public const string ClientClaim = "plb_client";
    public const string OrganizationClaim = "plb_org";
    public const string OrganizationProperty = "organization";
    public const string OrganizationsReadScope = "organizations:read";

    public override string Name => "Identity";

    public override bool IsCore => true;

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Notifications"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<Person>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Identity:MaxFailedAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Identity:LockoutMinutes", 15));
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PersonClaimsFactory>()
            .AddEntityFrameworkStores<PLBadgesDbContext>()
            .AddDefaultTokenProviders();
        // Invitation, reset and confirmation links work once, within two days (an invitation can be sent again).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));
        // A deactivated person, or one whose password changed, is signed out within a minute everywhere.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.Cookie.Name = "plb.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/signin";
                options.LogoutPath = "/account/signout";
                options.AccessDeniedPath = "/error/403";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            }));

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<PLBadgesDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                // S256 only: "plain" PKCE protects nothing against an attacker who can read the request.
                server.Configure(options => options.CodeChallengeMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Plain));
                server.RegisterScopes("openid", "profile", "email", "offline_access", OrganizationsReadScope, "recognition:read");
                server.DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
                if (!configuration.GetValue("OpenId:RequireHttps", false))
                {
                    // TLS is ended by the proxy in front of the site (see README); the demo runs on plain HTTP.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeyConfigurator>();

        services.AddScoped<IAccessControl, AccessControl>();
        services.AddScoped<IPeopleDirectory, PeopleDirectory>();
        services.AddSingleton<IMachineCallers, MachineCallers>();
        services.AddScoped<Invitations>();
        services.AddScoped<RosterImport>();
        services.AddRecipeStep<PeopleRecipeStep>();
        services.AddRecipeStep<ClientsRecipeStep>();
        services.AddSingleton<SiteHasPeople>();
        foreach (var template in IdentityEmails.All)
        {
            services.AddEmailTemplate(template);
        }
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Person>(e =>
        {
            e.ToTable("People");
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.NormalizedUserName).IsUnique();
            e.HasIndex(p => p.NormalizedEmail).IsUnique();
            e.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
            e.Property(p => p.UserName).HasMaxLength(256);
            e.Property(p => p.NormalizedUserName).HasMaxLength(256);
            e.Property(p => p.Email).HasMaxLength(256);
            e.Property(p => p.NormalizedEmail).HasMaxLength(256);
            e.Property(p => p.DisplayName).HasMaxLength(200);
        });
        model.Entity<IdentityUserClaim<Guid>>(e =>
        {
            e.ToTable("PersonClaims");
            e.HasKey(c => c.Id);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.UserId).IsRequired();
        });
        model.Entity<IdentityUserLogin<Guid>>(e =>
        {
            e.ToTable("PersonLogins");
            e.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.UserId).IsRequired();
        });
        model.Entity<IdentityUserToken<Guid>>(e =>
        {
            e.ToTable("PersonTokens");
            e.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.UserId).IsRequired();
        });
        model.Entity<Membership>(e =>
        {
            e.ToTable("Memberships");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.PersonId, m.OrganizationId, m.Role }).IsUnique();
            e.HasIndex(m => new { m.OrganizationId, m.Role });
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ServerKey>(e =>
        {
            e.ToTable("ServerKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(64);
            e.Property(k => k.Purpose).HasMaxLength(32);
        });
        model.UseOpenIddict();
    }

    public override void ConfigurePipeline(IApplicationBuilder app) => app.UseMiddleware<SetupRedirect>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConnect();
        endpoints.MapIdentityApi();
    }

    public override IEnumerable<Permission> Permissions => IdentityPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Home", "/", 0, NavigationAudience.Anyone),
        new("Sign in", "/account/signin", 0, NavigationAudience.Anonymous, Section: NavigationSections.Account),
        new("My profile", "/me", 10, NavigationAudience.SignedIn, Section: NavigationSections.Account),
        new("People", "/district/people", 200, NavigationAudience.Permission, IdentityPermissions.ViewPeople, NavigationSections.Admin),
        new("Roster import", "/district/roster", 300, NavigationAudience.Permission, IdentityPermissions.ImportRoster, NavigationSections.Admin),
        new("Jobs", "/admin/jobs", 950, NavigationAudience.Permission, IdentityPermissions.ViewJobs, NavigationSections.Admin),
    ];

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        // Scripts (autosave, uploads) ask for JSON: they need the status to keep the text and ask the person to sign in again.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

public static class IdentityPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string ViewPeople = "People.View";
        public const string ManagePeople = "People.Manage";
        public const string ImportRoster = "People.ImportRoster";
        public const string ViewJobs = "Platform.ViewJobs";
    }

    public static readonly Permission ViewPeople = new(Names.ViewPeople, "See the people of a district or school and their roles", Role.DistrictAdmin, Role.SchoolLeader);

    public static readonly Permission ManagePeople = new(Names.ManagePeople, "Invite people, change their roles, deactivate them", Role.DistrictAdmin);

    public static readonly Permission ImportRoster = new(Names.ImportRoster, "Import people from a roster file", Role.DistrictAdmin);

    public static readonly Permission ViewJobs = new(Names.ViewJobs, "See the background job dashboard");

    public static IEnumerable<Permission> All => [ViewPeople, ManagePeople, ImportRoster, ViewJobs];
}
