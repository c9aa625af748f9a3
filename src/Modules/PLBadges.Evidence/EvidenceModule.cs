using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;
using PLBadges.Evidence;
using PLBadges.Evidence.Api;
using PLBadges.Evidence.Artifacts;
using PLBadges.Evidence.Notifications;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;

[assembly: PLBadgesModule(typeof(EvidenceModule))]

namespace PLBadges.Evidence;

/// <summary>Evidence: teachers' submissions, their files, and coaches' reviews against the rubric.</summary>
public sealed class EvidenceModule : ModuleStartup
{
    public override string Name => "Evidence";

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Identity", "Notifications", "Pathways"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section))
            .Validate(o => o.MaxFileBytes > 0 && o.MaxSubmissionBytes >= o.MaxFileBytes, "Evidence:MaxFileBytes must be positive and no more than Evidence:MaxSubmissionBytes.")
            .ValidateOnStart();
        services.AddScoped<EvidenceAccess>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<ArtifactUploads>();
        services.AddScoped<PLBadges.Evidence.Contracts.ISubmissionAttachments, SubmissionAttachments>();
        services.AddScoped<ReviewPolicies>();
        services.AddScoped<ReviewQueue>();
        services.AddScoped<ReviewService>();
        services.AddScoped<DecisionMessages>();
        services.AddScoped<AgreementReport>();
        services.AddZoneContributor<StartSubmissionAction>();
        services.AddZoneContributor<ContinueSubmissionTask>();
        services.AddZoneContributor<Home.ReviewQueueTask>();
        services.AddZoneContributor<Home.OverdueReviewsTask>();
        services.AddRecipeStep<PLBadges.Evidence.Recipes.SubmissionsRecipeStep>();
        services.AddRecurringWork<ClaimLapses>("evidence-claim-lapses", "*/5 * * * *");
        services.AddRecurringWork<ReviewDigest>("evidence-review-digest", "0 12 * * *");
        services.AddRecurringWork<OverdueReminders>("evidence-overdue", "15 * * * *");
        services.AddRecurringWork<EvidenceRetention>("evidence-retention", "30 3 * * *");
        foreach (var template in EvidenceEmails.All)
        {
            services.AddEmailTemplate(template);
        }
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Submission>(e =>
        {
            e.ToTable("Submissions");
            e.HasKey(s => s.Id);
            e.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.Slug).HasMaxLength(100);
            e.Property(s => s.Revision).IsConcurrencyToken();
            e.HasIndex(s => new { s.TeacherId, s.UpdatedAt });
            e.HasIndex(s => new { s.DistrictId, s.State, s.SubmittedAt });
            e.HasIndex(s => new { s.MicroCredentialId, s.State });
        });
        model.Entity<Answer>(e =>
        {
            e.ToTable("SubmissionAnswers");
            e.HasKey(a => new { a.SubmissionId, a.Part, a.Prompt });
            e.HasOne<Submission>().WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Artifact>(e =>
        {
            e.ToTable("SubmissionArtifacts");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.SubmissionId, a.Part });
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(8);
            e.Property(a => a.DisplayName).HasMaxLength(ArtifactUploads.MaxNameLength);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.StorageKey).HasMaxLength(80);
            e.Property(a => a.Url).HasMaxLength(1000);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.HasOne<Submission>().WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Transition>(e =>
        {
            e.ToTable("SubmissionTransitions");
            e.HasKey(t => t.Id);
            e.HasIndex(t => new { t.SubmissionId, t.At });
            e.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Note).HasMaxLength(200);
            e.HasOne<Submission>().WithMany().HasForeignKey(t => t.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<EvidenceView>(e =>
        {
            e.ToTable("EvidenceViews");
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.SubmissionId, v.At });
            e.HasOne<Submission>().WithMany().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Review>(e =>
        {
            e.ToTable("Reviews");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.SubmissionId, r.Attempt });
            e.HasIndex(r => new { r.ReviewerId, r.Status });
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(r => r.Decision).HasConversion<string>().HasMaxLength(8);
            e.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CriterionScore>(e =>
        {
            e.ToTable("ReviewScores");
            e.HasKey(s => new { s.ReviewId, s.Part, s.Criterion });
        });
        model.Entity<ReviewPolicy>(e =>
        {
            e.ToTable("ReviewPolicies");
            e.HasKey(p => p.DistrictId);
        });
    }

    public override void ConfigurePipeline(IApplicationBuilder app)
    {
        // An upload may be as large as one file is allowed to be (plus the form around it); other requests keep the server's limit.
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Query["handler"] == "upload"
                && context.Request.Path.StartsWithSegments("/me/submissions")
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = context.RequestServices.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxFileBytes + 1024 * 1024;
            }

            await next(context);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEvidenceApi();
        endpoints.MapArtifactDownloads();
    }

    public override IEnumerable<Permission> Permissions => EvidencePermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("My submissions", "/me/submissions", 40, NavigationAudience.Permission, EvidencePermissions.Submit),
        new("Review", "/review", 50, NavigationAudience.Permission, EvidencePermissions.Review, NavigationSections.Coach),
        new("Review report", "/district/review", 370, NavigationAudience.Permission, EvidencePermissions.Manage, NavigationSections.District),
    ];
}
