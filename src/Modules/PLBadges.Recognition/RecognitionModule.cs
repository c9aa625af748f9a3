using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Contracts;
using PLBadges.Recognition.Dashboard;
using PLBadges.Recognition.Licensure;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Recipes;
using PLBadges.Recognition.StateCredit;
using PLBadges.Recognition.Transcripts;

[assembly: PLBadgesModule(typeof(RecognitionModule))]

namespace PLBadges.Recognition;

/// <summary>
/// Recognition: a state's programmes for licence renewal and advancement (versioned rules), its
/// endorsements of micro-credentials, educators' applications and their decisions; and state credit:
/// what each state takes (profiles as data), district sign-off, certificates and the states' files.
/// </summary>
public sealed class RecognitionModule : ModuleStartup
{
    public override string Name => "Recognition";

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Identity", "Notifications", "Pathways", "Credentials", "Coaching", "Cohorts"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ProgrammeService>();
        services.AddScoped<IAuthorizationHandler, MayDecideHandler>();
        services.AddAuthorizationBuilder().AddPolicy(MayDecideRequirement.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new MayDecideRequirement()));
        services.AddScoped<EducatorLicences>();
        services.AddScoped<ApplicationCandidates>();
        services.AddScoped<ApplicationEvaluation>();
        services.AddScoped<ApplicationMessages>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationReview>();
        services.AddScoped<RecognitionFeed>();
        services.AddScoped<TranscriptService>();
        services.AddScoped<StateDashboard>();
        services.AddScoped<WebhookService>();
        services.AddEventHandler<RecognitionDecided, RecordDecision>();
        services.AddRecurringWork<WebhookSender>("recognition-webhooks", "* * * * *", WorkOverlap.Allowed); // leases: every node shares a backlog
        services.AddGuardedHttpClient(WebhookSender.Client, limits => limits.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<PLBadges.Credentials.Contracts.ITrustedIssuers, TrustedIssuerNames>();
        services.AddRecipeStep<RecognitionRecipeStep>();
        services.AddEventHandler<RecipeApplicationQueued, ApplyWhenIssued>();
        services.AddEventHandler<RecipeEndorsementQueued, EndorseAfterRecipe>();
        services.AddScoped<ProfileCatalog>();
        services.AddScoped<DistrictSetup>();
        services.AddScoped<EducatorStateIds>();
        services.AddScoped<SignOffs>();
        services.AddScoped<Certificates>();
        services.AddScoped<StateExports>();
        services.AddRecipeStep<StateCreditRecipeStep>();
        services.AddEventHandler<RecipeSignOffQueued, SignOffAfterRecipe>();
        services.AddZoneContributor<StateCertificateLinks>();
        services.AddZoneContributor<Home.ApplicationsWaitingTask>();
        foreach (var template in RecognitionEmails.All)
        {
            services.AddEmailTemplate(template);
        }
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<StateSettings>(e =>
        {
            e.ToTable("RecognitionStateSettings");
            e.HasKey(s => s.StateId);
            e.Property(s => s.EducatorNumberPattern).HasMaxLength(200);
            e.Property(s => s.EducatorNumberHint).HasMaxLength(200);
        });
        model.Entity<TrustedIssuer>(e =>
        {
            e.ToTable("RecognitionTrustedIssuers");
            e.HasKey(t => new { t.StateId, t.IssuerUrl });
            e.Property(t => t.IssuerUrl).HasMaxLength(500);
            e.Property(t => t.Name).HasMaxLength(200);
        });
        model.Entity<Programme>(e =>
        {
            e.ToTable("RecognitionProgrammes");
            e.HasKey(p => p.Id);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(4000);
            e.HasIndex(p => new { p.StateId, p.Name }).IsUnique();
        });
        model.Entity<ProgrammeVersion>(e =>
        {
            e.ToTable("RecognitionProgrammeVersions");
            e.HasKey(v => v.Id);
            e.Property(v => v.RulesJson).HasMaxLength(20000);
            e.HasIndex(v => new { v.ProgrammeId, v.Number }).IsUnique();
            e.HasOne<Programme>().WithMany().HasForeignKey(v => v.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<EducatorLicence>(e =>
        {
            e.ToTable("EducatorLicences");
            e.HasKey(l => new { l.StateId, l.PersonId });
            e.Property(l => l.EducatorNumber).HasMaxLength(40);
            e.HasIndex(l => new { l.StateId, l.EducatorNumber }).IsUnique();
            e.HasIndex(l => l.PersonId);
        });
        model.Entity<RecognitionApplication>(e =>
        {
            e.ToTable("RecognitionApplications");
            e.HasKey(a => a.Id);
            e.Property(a => a.EducatorNumber).HasMaxLength(40);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.ProgrammeName).HasMaxLength(200);
            e.Property(a => a.Approval).HasConversion<string>().HasMaxLength(16);
            // The status is the concurrency token: two reviewers deciding the same application at once cannot both succeed.
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            e.Property(a => a.Note).HasMaxLength(8000);
            e.Property(a => a.ReviewerMessage).HasMaxLength(2000);
            e.Property(a => a.UnitName).HasMaxLength(40);
            e.Property(a => a.Summary).HasMaxLength(4000);
            e.Property(a => a.UnitsGranted).HasPrecision(10, 2);
            e.HasIndex(a => new { a.PersonId, a.ProgrammeId });
            e.HasIndex(a => new { a.StateId, a.Status, a.SubmittedAt });
            e.HasIndex(a => new { a.DistrictId, a.Status });
        });
        model.Entity<TranscriptShare>(e =>
        {
            e.ToTable("TranscriptShares");
            e.HasKey(s => s.PersonId);
            e.Property(s => s.Token).HasMaxLength(40);
            e.HasIndex(s => s.Token).IsUnique();
        });
        model.Entity<RecognitionRecord>(e =>
        {
            e.ToTable("RecognitionRecords");
            e.HasKey(r => r.Sequence);
            e.Property(r => r.Sequence).ValueGeneratedNever();
            e.Property(r => r.EducatorNumber).HasMaxLength(40);
            e.Property(r => r.PayloadJson).HasMaxLength(200_000);
            e.HasIndex(r => r.ApplicationId).IsUnique(); // a decision is recorded once, however often its event is delivered
            e.HasIndex(r => new { r.StateId, r.Sequence }); // the feed's keyset
            e.HasIndex(r => new { r.StateId, r.EducatorNumber });
            e.HasIndex(r => new { r.StateId, r.DecidedAt });
        });
        model.Entity<DecisionTally>(e =>
        {
            e.ToTable("RecognitionDecisionTallies");
            e.HasKey(t => new { t.StateId, t.Month, t.UnitName });
            e.Property(t => t.UnitName).HasMaxLength(40);
            e.Property(t => t.Units).HasPrecision(14, 2);
        });
        model.Entity<DecisionDays>(e =>
        {
            e.ToTable("RecognitionDecisionDays");
            e.HasKey(d => new { d.StateId, d.Month, d.Days });
        });
        model.Entity<LicensureCall>(e =>
        {
            e.ToTable("LicensureCalls");
            e.HasKey(c => c.Id);
            e.Property(c => c.ClientId).HasMaxLength(200);
            e.Property(c => c.Method).HasMaxLength(10);
            e.Property(c => c.Path).HasMaxLength(500);
            e.HasIndex(c => new { c.StateId, c.At });
        });
        model.Entity<WebhookSubscription>(e =>
        {
            e.ToTable("WebhookSubscriptions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Url).HasMaxLength(500);
            e.Property(s => s.ProtectedSecret).HasMaxLength(1000);
            e.HasIndex(s => s.StateId);
        });
        model.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("WebhookDeliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.Event).HasMaxLength(64);
            e.Property(d => d.IdempotencyKey).HasMaxLength(200);
            e.Property(d => d.Body).HasMaxLength(200_000);
            e.Property(d => d.LastError).HasMaxLength(1000);
            e.HasIndex(d => d.IdempotencyKey).IsUnique();
            e.HasIndex(d => new { d.DeliveredAt, d.NextAttemptAt });
            e.HasIndex(d => new { d.StateId, d.CreatedAt });
        });
        model.Entity<WebhookAttempt>(e =>
        {
            e.ToTable("WebhookAttempts");
            e.HasKey(a => new { a.DeliveryId, a.Number });
            e.Property(a => a.Error).HasMaxLength(1000);
            e.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ApplicationItem>(e =>
        {
            e.ToTable("RecognitionApplicationItems");
            e.HasKey(i => new { i.ApplicationId, i.Position });
            e.Property(i => i.ItemKey).HasMaxLength(600);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Name).HasMaxLength(300);
            e.Property(i => i.IssuerUrl).HasMaxLength(600);
            e.Property(i => i.IssuerName).HasMaxLength(200);
            e.Property(i => i.Verification).HasMaxLength(4000);
            e.Property(i => i.UploadedJson).HasMaxLength(200_000);
            e.Property(i => i.Reason).HasMaxLength(1000);
            e.Property(i => i.Hours).HasPrecision(10, 2);
            e.Property(i => i.Units).HasPrecision(10, 2);
            e.HasOne<RecognitionApplication>().WithMany().HasForeignKey(i => i.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        StateCreditModel.Configure(model);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLicensureApi();
        endpoints.MapTranscriptApi();
        endpoints.MapStateCredit();
        endpoints.MapMoved("/state/programmes", "/state/programs");
    }

    public override IEnumerable<Permission> Permissions => RecognitionPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Recognition", "/me/recognition", 48, NavigationAudience.Permission, RecognitionPermissions.Apply),
        new("My transcript", "/me/transcript", 46, NavigationAudience.SignedIn),
        new("State dashboard", "/state", 401, NavigationAudience.Permission, RecognitionPermissions.Review, NavigationSections.State),
        new("Applications", "/recognition/applications", 402, NavigationAudience.Permission, RecognitionPermissions.Review, NavigationSections.State),
        new("Programs", "/state/programs", 404, NavigationAudience.Permission, RecognitionPermissions.Review, NavigationSections.State),
        new("Endorsements", "/state/endorsements", 405, NavigationAudience.Permission, RecognitionPermissions.Review, NavigationSections.State),
        new("Licensure connection", "/state/licensure", 406, NavigationAudience.Permission, RecognitionPermissions.Review, NavigationSections.State),
        new("District applications", "/recognition/applications", 403, NavigationAudience.Permission, RecognitionPermissions.DecideForDistrict, NavigationSections.District),
        new("State profiles", "/state/profiles", 407, NavigationAudience.Permission, RecognitionPermissions.Review, NavigationSections.State),
        new("State credit", "/district/state-credit", 408, NavigationAudience.Permission, RecognitionPermissions.StateCredit, NavigationSections.District),
        new("Sign off hours", "/district/state-credit/educators", 409, NavigationAudience.Permission, RecognitionPermissions.SignOffForSchool, NavigationSections.District),
    ];
}
