using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using OpenIddict.Server;
using PLBadges.Abstractions.Outbound;
using PLBadges.Identity.Providers;
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
using PLBadges.Identity.Passwords;
using PLBadges.Identity.People;
using PLBadges.Identity.Recipes;
using PLBadges.Identity.Roster;
using PLBadges.Identity.Sessions;

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
                // No lockout: anyone could lock anyone out. Guessing is slowed by SignInThrottle instead.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PersonClaimsFactory>()
            .AddEntityFrameworkStores<PLBadgesDbContext>()
            .AddDefaultTokenProviders();
        // Invitation, reset and confirmation links work once, within two days (an invitation can be sent again).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // A changed security stamp (a new password) signs other cookies out within a minute; sessions end them at once (ADR 0006).
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // A cookie refreshed by the stamp check stays the same server-side session.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(SessionCookieEvents.SessionClaim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(SessionCookieEvents.SessionClaim, session.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.AddOptions<ThrottleOptions>().Bind(configuration.GetSection(ThrottleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SessionCheckOptions>().Bind(configuration.GetSection("Identity")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AddressFailures>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<PasswordCheck>();
        services.AddSingleton<OpenSessionCache>();
        services.AddScoped<PersonSessions>();
        services.AddScoped<SessionCookieEvents>();
        services.AddRecurringWork<IdentityCleanup>("identity-cleanup", "17 * * * *");

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            // Pages take the cookie only. A bearer token is read only where the endpoint names a scope
            // (RequireScope): anywhere else it authenticates nobody, as if it were not there.
            .AddPolicyScheme(Scheme, "Cookie, or a bearer token on a scoped API", options => options.ForwardDefaultSelector = context =>
                context.GetEndpoint()?.Metadata.GetMetadata<ApiScopeMetadata>() != null
                && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.Cookie.Name = "plb.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // The host's cookie policy makes every cookie Secure when the public address is https.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/signin";
                options.LogoutPath = "/account/signout";
                options.AccessDeniedPath = "/error/403";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.EventsType = typeof(SessionCookieEvents);
            }));
        services.AddScoped<IAuthorizationHandler, ScopeHandler>();

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
                server.RegisterScopes(ApiScopes.All.Select(s => s.Name).ToArray());
                // Short-lived: a leaked access token is worth minutes. Refresh tokens (14 days) are revoked with the person's sessions.
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(configuration.GetValue("OpenId:AccessTokenMinutes", 10)));
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(FormPostPolicy.Descriptor);
                var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
                if (!configuration.GetValue("OpenId:RequireHttps", false))
                {
                    // TLS is ended by the proxy in front of the site (see README); the demo runs on plain HTTP.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddClient(client =>
            {
                // Sign-in through districts' identity providers; the registrations come from the database (ADR 0008).
                client.AllowAuthorizationCodeFlow();
                // OpenIddict needs a redirection endpoint even before a district adds a provider; each registration adds its own.
                client.SetRedirectionEndpointUris(ProviderRegistrations.CallbackPath.TrimEnd('/'));
                var aspNetCore = client.UseAspNetCore().EnableRedirectionEndpointPassthrough().EnableErrorPassthrough().DisableAutomaticAuthenticationSchemeForwarding();
                if (!configuration.GetValue("OpenId:RequireHttps", false))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                client.UseSystemNetHttp().SetProductInformation(typeof(IdentityModule).Assembly);
                client.UseWebProviders();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // Every API call checks that its token was not revoked (one lookup by key), so signing out
                // everywhere, a new password or a deactivation stops apps at once, not when the token expires.
                validation.EnableTokenEntryValidation();
                validation.UseAspNetCore();
            });
        services.AddSingleton<ServerKeyConfigurator>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerKeyConfigurator>());
        services.AddSingleton<IConfigureOptions<OpenIddictClientOptions>>(provider => provider.GetRequiredService<ServerKeyConfigurator>());
        // The providers' discovery, token and user info requests connect only where the outbound policy allows.
        services.RouteLibraryClientsThroughPolicy(name => name.StartsWith("OpenIddict.Client.SystemNetHttp:", StringComparison.Ordinal));
        services.AddOptions<ProviderOptions>().Bind(configuration.GetSection(ProviderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProviderRegistrations>();
        services.AddSingleton<IConfigureOptions<OpenIddictClientOptions>>(provider => provider.GetRequiredService<ProviderRegistrations>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictClientOptions>>(provider => provider.GetRequiredService<ProviderRegistrations>());
        services.AddScoped<ExternalSignIn>();
        services.AddScoped<HomeRealm>();
        services.AddScoped<SignInSettings>();
        services.AddRecipeStep<SignInRecipeStep>();

        services.AddScoped<IAccessControl, AccessControl>();
        services.AddScoped<IPeopleDirectory, PeopleDirectory>();
        services.AddSingleton<IMachineCallers, MachineCallers>();
        services.AddScoped<Invitations>();
        services.AddScoped<ConnectedApps>();
        services.AddScoped<RosterPlanner>();
        services.AddOptions<RosterSyncOptions>().Bind(configuration.GetSection(RosterSyncOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RosterImport>();
        // Automatic roster sync: an SFTP drop or a OneRoster 1.2 REST service, both through the outbound address policy.
        services.AddGuardedHttpClient(OneRosterRestPull.Client, limits => (limits.Timeout, limits.MaxResponseBytes) = (TimeSpan.FromSeconds(60), 32L * 1024 * 1024));
        services.AddScoped<RosterSyncSettings>();
        services.AddScoped<SftpRosterFetch>();
        services.AddScoped<OneRosterRestPull>();
        services.AddScoped<RosterSync>();
        services.AddRecurringWork<RosterSyncWork>("roster-sync", "*/5 * * * *");
        services.AddScoped<DistrictLog>();
        services.AddScoped<DistrictInvitations>();
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
        model.Entity<SignInProvider>(e =>
        {
            e.ToTable("SignInProviders");
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.RegistrationId).IsUnique();
            e.HasIndex(p => p.DistrictId);
            e.Property(p => p.RegistrationId).HasMaxLength(64);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.DisplayName).HasMaxLength(100);
            e.Property(p => p.Issuer).HasMaxLength(500);
            e.Property(p => p.ClientId).HasMaxLength(256);
            e.Property(p => p.ProtectedSecret).HasMaxLength(2000);
        });
        model.Entity<DistrictSignIn>(e =>
        {
            e.ToTable("DistrictSignIns");
            e.HasKey(d => d.DistrictId);
            e.Property(d => d.DistrictId).ValueGeneratedNever();
            e.Property(d => d.Domains).HasMaxLength(2000);
            e.Property(d => d.Tenants).HasMaxLength(2000);
            e.Property(d => d.ClassLinkTenants).HasMaxLength(2000);
        });
        model.Entity<PendingPerson>(e =>
        {
            e.ToTable("PendingPeople");
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.DistrictId, p.PersonId }).IsUnique();
            e.HasIndex(p => p.PersonId);
            e.Property(p => p.RegistrationId).HasMaxLength(64);
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RosterLink>(e =>
        {
            e.ToTable("RosterLinks");
            e.HasKey(l => l.Id);
            e.HasIndex(l => new { l.DistrictId, l.SourcedId }).IsUnique();
            e.HasIndex(l => l.PersonId);
            e.Property(l => l.SourcedId).HasMaxLength(256);
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RosterUpload>(e =>
        {
            e.ToTable("RosterUploads");
            e.HasKey(u => u.Id);
            e.HasIndex(u => u.DistrictId);
            e.Property(u => u.FileKey).HasMaxLength(200);
            e.Property(u => u.FileName).HasMaxLength(200);
            e.Property(u => u.Format).HasMaxLength(32);
        });
        model.Entity<RosterSyncSetting>(e =>
        {
            e.ToTable("RosterSyncSettings");
            e.HasKey(s => s.DistrictId);
            e.Property(s => s.DistrictId).ValueGeneratedNever();
            e.HasIndex(s => s.NextRunAt);
            e.Property(s => s.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.SftpHost).HasMaxLength(253);
            e.Property(s => s.SftpUser).HasMaxLength(100);
            e.Property(s => s.ProtectedSftpPassword).HasMaxLength(2000);
            e.Property(s => s.ProtectedSftpKey).HasMaxLength(20000);
            e.Property(s => s.SftpPath).HasMaxLength(500);
            e.Property(s => s.HostKeyFingerprint).HasMaxLength(64);
            e.Property(s => s.RestBaseUrl).HasMaxLength(500);
            e.Property(s => s.RestTokenUrl).HasMaxLength(500);
            e.Property(s => s.RestClientId).HasMaxLength(256);
            e.Property(s => s.ProtectedRestSecret).HasMaxLength(2000);
        });
        model.Entity<RosterSyncRun>(e =>
        {
            e.ToTable("RosterSyncRuns");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.DistrictId, r.StartedAt });
            e.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Kind).HasMaxLength(16);
            e.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Message).HasMaxLength(1000);
        });
        model.Entity<DistrictInvitation>(e =>
        {
            e.ToTable("DistrictInvitations");
            e.HasKey(i => i.Id);
            e.HasIndex(i => new { i.DistrictId, i.PersonId });
            e.HasIndex(i => i.PersonId);
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Roles).HasMaxLength(4000);
            e.Property(i => i.SourcedId).HasMaxLength(256);
            e.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DistrictLogEntry>(e =>
        {
            e.ToTable("DistrictLog");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DistrictId, x.At });
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Text).HasMaxLength(DistrictLog.MaxText);
        });
        model.Entity<ServerKey>(e =>
        {
            e.ToTable("ServerKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(64);
            e.Property(k => k.Purpose).HasMaxLength(32);
        });
        model.Entity<PersonSession>(e =>
        {
            e.ToTable("PersonSessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<FailedPasswords>(e =>
        {
            e.ToTable("FailedPasswords");
            e.HasKey(f => f.Account);
            e.Property(f => f.Account).HasMaxLength(64);
            e.HasIndex(f => f.LastFailureAt);
        });
        model.UseOpenIddict();
    }

    public override void ConfigurePipeline(IApplicationBuilder app) => app.UseMiddleware<SetupRedirect>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConnect();
        endpoints.MapIdentityApi();
        endpoints.MapRosterApi();
        endpoints.MapProviderSignIn();
    }

    public override IEnumerable<Permission> Permissions => IdentityPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Sign in", "/account/signin", 0, NavigationAudience.Anonymous, Section: NavigationSections.Account),
        new("My profile", "/me", 10, NavigationAudience.SignedIn, Section: NavigationSections.Account),
        new("People", "/district/people", 200, NavigationAudience.Permission, IdentityPermissions.ViewPeople, NavigationSections.District),
        new("Roster import", "/district/roster", 300, NavigationAudience.Permission, IdentityPermissions.ImportRoster, NavigationSections.District),
        new("Sign-in settings", "/district/sign-in", 305, NavigationAudience.Permission, IdentityPermissions.ManagePeople, NavigationSections.District),
        new("Sign-in and roster log", "/district/log", 310, NavigationAudience.Permission, IdentityPermissions.ManagePeople, NavigationSections.District),
        new("Jobs", "/admin/jobs", 950, NavigationAudience.Permission, IdentityPermissions.ViewJobs, NavigationSections.Platform),
        new("Style guide", "/styleguide", 960, NavigationAudience.Permission, PlatformPermissions.ViewStyleguide, NavigationSections.Platform),
    ];
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

    public static IEnumerable<Permission> All => [ViewPeople, ManagePeople, ImportRoster, ViewJobs, PlatformPermissions.ViewStyleguide];
}
