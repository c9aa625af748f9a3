using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Contracts;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Credentials.Verifying;
using PLBadges.Credentials.Wallet;
using PLBadges.Evidence.Contracts;

[assembly: PLBadgesModule(typeof(CredentialsModule))]

namespace PLBadges.Credentials;

/// <summary>Credentials: Open Badges 3.0 credentials issued for passed work, signed, baked, verified and revoked.</summary>
public sealed class CredentialsModule : ModuleStartup
{
    public const string VerifierClient = "credentials-verifier";

    public override string Name => "Credentials";

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Identity", "Notifications", "Pathways", "Evidence"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CredentialOptions>().Bind(configuration.GetSection(CredentialOptions.Section))
            .Validate(o => o.MaxVerifyBytes > 0, "Credentials:MaxVerifyBytes must be positive.")
            .Validate(o => o.Algorithm is SigningAlgorithm.RS256 or SigningAlgorithm.ES256, "Credentials:Algorithm signs VC-JWTs: RS256 or ES256.").ValidateOnStart();
        services.AddSingleton<CredentialSchema>();
        services.AddMemoryCache();
        services.AddScoped<IssuerNames>();
        services.AddZoneContributor<Home.LatestBadgeTask>();
        services.AddScoped<PLBadges.Credentials.Contracts.ICredentialHoldings, CredentialHoldings>();
        services.AddScoped<IssuerKeys>();
        services.AddScoped<StatusLists>();
        services.AddSingleton<Api.Revisions>();
        services.AddSingleton<Api.ImmutableDocuments>();
        services.AddSingleton<Baking.BadgeRasters>();
        services.AddScoped<CredentialIssuer>();
        services.AddScoped<CredentialVerifier>();
        services.AddScoped<ProofVerifier>();
        services.AddScoped<WalletHandoff>();
        services.AddScoped<Revocations>();
        services.AddScoped<IEndorsements, EndorsementService>();
        services.AddScoped<ICredentialChecks, CredentialChecks>();
        services.AddScoped<ICredentialStatistics, CredentialStatistics>();
        services.AddSingleton<PLBadges.Pathways.Contracts.IAchievementPublishingCheck, AchievementPublishingCheck>();
        services.AddRecurringWork<CredentialTallies>("credential-tallies", "*/10 * * * *");
        services.AddGuardedHttpClient(VerifierClient, limits =>
        {
            limits.Timeout = TimeSpan.FromSeconds(5);
            limits.MaxResponseBytes = 1024 * 1024;
        });
        services.AddEventHandler<MicroCredentialPassed, IssueOnPass>();
        services.AddEventHandler<AchievementAwarded, IssueOnAward>();
        services.AddEventHandler<CredentialIssued, EarnedMessages>();
        services.AddScoped<PLBadges.Abstractions.Badges.IEarnedBadges, EarnedBadges>();
        foreach (var template in CredentialEmails.All)
        {
            services.AddEmailTemplate(template);
        }
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<IssuedCredential>(e =>
        {
            e.ToTable("Credentials");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(32);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.KeyId).HasMaxLength(32);
            e.Property(c => c.RevocationReason).HasMaxLength(500);
            e.HasIndex(c => c.SubmissionId).IsUnique();
            e.HasIndex(c => new { c.RecipientId, c.CapstoneOf }).IsUnique();
            e.Property(c => c.AwardKey).HasMaxLength(200);
            e.HasIndex(c => new { c.RecipientId, c.AwardKey }).IsUnique();
            e.HasIndex(c => new { c.StatusListId, c.StatusIndex }).IsUnique();
            e.HasIndex(c => new { c.IssuerId, c.ValidFrom });
        });
        model.Entity<IssuerKey>(e =>
        {
            e.ToTable("IssuerKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(32);
            e.Property(k => k.Algorithm).HasConversion<string>().HasMaxLength(8);
            // One signing key per issuer and algorithm at a time: two nodes making the first key at once cannot both win.
            e.HasIndex(k => new { k.IssuerId, k.Algorithm }).IsUnique().HasFilter("\"RetiredAt\" IS NULL");
        });
        model.Entity<StatusList>(e =>
        {
            e.ToTable("StatusLists");
            e.HasKey(l => l.Id);
            e.Property(l => l.NextIndex).IsConcurrencyToken();
            e.HasIndex(l => new { l.IssuerId, l.Number }).IsUnique();
        });
        model.Entity<Endorsement>(e =>
        {
            e.ToTable("Endorsements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.AchievementId).HasMaxLength(600);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.Property(x => x.KeyId).HasMaxLength(32);
            e.Property(x => x.WithdrawalReason).HasMaxLength(500);
            e.HasIndex(x => new { x.StatusListId, x.StatusIndex }).IsUnique();
            e.HasIndex(x => x.MicroCredentialId);
            // One current endorsement per endorser and micro-credential: two reviewers endorsing at once cannot both win.
            e.HasIndex(x => new { x.EndorserId, x.MicroCredentialId }).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL");
        });
        model.Entity<CredentialTally>(e =>
        {
            e.ToTable("CredentialTallies");
            e.HasKey(t => new { t.IssuerId, t.PathwayId, t.Month });
        });
        model.Entity<EducatorSubject>(e =>
        {
            e.ToTable("EducatorSubjects");
            e.HasKey(s => s.PersonId);
            e.Property(s => s.SubjectId).HasMaxLength(45);
            e.HasIndex(s => s.SubjectId).IsUnique();
        });
        model.Entity<WalletExchange>(e =>
        {
            e.ToTable("WalletExchanges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.CredentialId).HasMaxLength(32);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Challenge).HasMaxLength(64);
            e.Property(x => x.Failure).HasMaxLength(300);
            e.Property(x => x.CopyId).HasMaxLength(32);
            e.HasIndex(x => new { x.PersonId, x.CreatedAt });
        });
        model.Entity<WalletCopy>(e =>
        {
            e.ToTable("WalletCopies");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.OriginalId).HasMaxLength(32);
            e.Property(x => x.HolderDid).HasMaxLength(200);
            e.HasIndex(x => x.OriginalId);
        });
        model.Entity<CredentialSharing>(e =>
        {
            e.ToTable("CredentialSharing");
            e.HasKey(s => s.PersonId);
            e.Property(s => s.ProfileId).HasMaxLength(32);
            e.HasIndex(s => s.ProfileId).IsUnique();
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCredentialEndpoints();
        endpoints.MapWalletEndpoints();
    }

    public override IEnumerable<Permission> Permissions => CredentialPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("My credentials", "/me/credentials", 45, NavigationAudience.SignedIn),
        new("Verify", "/verify", 90, NavigationAudience.Anonymous),
        new("Verify a credential", "/verify", 10, NavigationAudience.Anyone, Section: NavigationSections.Footer),
        new("Credentials", "/district/credentials", 380, NavigationAudience.Permission, CredentialPermissions.Manage, NavigationSections.District),
    ];
}
