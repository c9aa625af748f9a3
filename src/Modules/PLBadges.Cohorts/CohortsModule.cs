using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Calendar;
using PLBadges.Cohorts.Api;
using PLBadges.Cohorts.Contracts;
using PLBadges.Credentials.Contracts;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Readiness;
using PLBadges.Cohorts.Recipes;
using PLBadges.Cohorts.Roadmap;
using PLBadges.Cohorts.Waves;

[assembly: PLBadgesModule(typeof(CohortsModule))]

namespace PLBadges.Cohorts;

/// <summary>Cohorts: Personalized Learning Academies for schools' leadership teams, and readiness for device rollout.</summary>
public sealed class CohortsModule : ModuleStartup
{
    public override string Name => "Cohorts";

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Identity", "Notifications", "Pathways", "Credentials", "Coaching"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReadinessBoard>();
        services.AddZoneContributor<Home.ReadinessTask>();
        services.AddScoped<CohortService>();
        services.AddRecipeStep<CohortsRecipeStep>();
        services.AddRecurringWork<AcademyReminders>("academy-reminders", "*/5 * * * *");
        services.AddEmailTemplate(AcademyEmails.SessionReminder);
        services.AddEmailTemplate(AcademyEmails.SessionInvitation);
        services.AddScoped<AcademyCompletions>();
        services.AddScoped<IAcademyAttendance, AcademyAttendance>();
        services.AddScoped<WaveService>();
        services.AddScoped<RoadmapService>();
        services.AddEventHandler<AcademyAttendanceRecorded, CompleteOnAttendance>();
        services.AddEventHandler<CredentialIssued, CompleteOnCredential>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICalendarSource, AcademyCalendarSource>());
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Cohort>(e =>
        {
            e.ToTable("Cohorts");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.ProgrammeYear).HasMaxLength(20);
            e.HasIndex(c => c.DistrictId);
        });
        model.Entity<CohortSchool>(e =>
        {
            e.ToTable("CohortSchools");
            e.HasKey(s => new { s.CohortId, s.SchoolId });
            e.HasIndex(s => s.SchoolId);
            e.HasOne<Cohort>().WithMany().HasForeignKey(s => s.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TeamMember>(e =>
        {
            e.ToTable("CohortTeamMembers");
            e.HasKey(m => new { m.CohortId, m.SchoolId, m.PersonId });
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(24);
            e.HasIndex(m => m.PersonId);
            e.HasOne<Cohort>().WithMany().HasForeignKey(m => m.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CohortSession>(e =>
        {
            e.ToTable("CohortSessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.Place).HasMaxLength(200);
            e.Property(s => s.OnlineLink).HasMaxLength(500);
            e.Property(s => s.AgendaMarkdown).HasMaxLength(20000);
            e.HasIndex(s => new { s.CohortId, s.StartUtc });
            e.HasOne<Cohort>().WithMany().HasForeignKey(s => s.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SessionAttendance>(e =>
        {
            e.ToTable("CohortAttendance");
            e.HasKey(a => new { a.SessionId, a.PersonId });
            e.HasIndex(a => a.PersonId);
            e.HasOne<CohortSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CohortRequirement>(e =>
        {
            e.ToTable("CohortRequirements");
            e.HasKey(r => new { r.CohortId, r.MicroCredentialId });
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Scope).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Cohort>().WithMany().HasForeignKey(r => r.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CohortSessionResource>(e =>
        {
            e.ToTable("CohortSessionResources");
            e.HasKey(r => new { r.SessionId, r.ResourceId });
            e.HasOne<CohortSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AcademyCompletion>(e =>
        {
            e.ToTable("AcademyCompletions");
            e.HasKey(c => new { c.CohortId, c.PersonId });
            e.HasIndex(c => c.PersonId);
            e.HasOne<Cohort>().WithMany().HasForeignKey(c => c.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Wave>(e =>
        {
            e.ToTable("Waves");
            e.HasKey(w => w.Id);
            e.Property(w => w.Name).HasMaxLength(200);
            e.HasIndex(w => new { w.DistrictId, w.Number });
        });
        model.Entity<WaveTarget>(e =>
        {
            e.ToTable("WaveTargets");
            e.HasKey(t => new { t.WaveId, t.MicroCredentialId });
            e.Property(t => t.Title).HasMaxLength(300);
            e.HasOne<Wave>().WithMany().HasForeignKey(t => t.WaveId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<WaveMember>(e =>
        {
            e.ToTable("WaveMembers");
            e.HasKey(m => new { m.DistrictId, m.PersonId }); // one wave per teacher and district
            e.HasIndex(m => new { m.WaveId, m.SchoolId });
            e.HasOne<Wave>().WithMany().HasForeignKey(m => m.WaveId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<WavePeerCoach>(e =>
        {
            e.ToTable("WavePeerCoaches");
            e.HasKey(c => new { c.WaveId, c.PersonId });
            e.Property(c => c.Pathway).HasMaxLength(600);
            e.HasIndex(c => c.PersonId);
            e.HasOne<Wave>().WithMany().HasForeignKey(c => c.WaveId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SelfAssessment>(e =>
        {
            e.ToTable("WaveSelfAssessments");
            e.HasKey(a => new { a.DistrictId, a.PersonId });
            e.Property(a => a.Comfort).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(24);
            e.Property(a => a.Goal).HasMaxLength(500);
        });
        model.Entity<RoadmapMilestone>(e =>
        {
            e.ToTable("RoadmapMilestones");
            e.HasKey(m => m.Id);
            e.Property(m => m.Title).HasMaxLength(200);
            e.Property(m => m.Description).HasMaxLength(2000);
            e.Property(m => m.SuggestedOwner).HasMaxLength(100);
            e.Property(m => m.Link).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(m => new { m.DistrictId, m.DueOn });
            e.HasIndex(m => new { m.DistrictId, m.Title }).IsUnique(); // a roadmap started twice at once: the second start fails on its first milestone
        });
        model.Entity<ReadinessSettings>(e =>
        {
            e.ToTable("ReadinessSettings");
            e.HasKey(s => s.DistrictId);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCohortsApi();

    public override IEnumerable<Permission> Permissions => CohortPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("My learning wave", "/me/waves", 47, NavigationAudience.Permission, CohortPermissions.Waves),
        new("Rollout readiness", "/district/readiness", 385, NavigationAudience.Permission, CohortPermissions.Readiness, NavigationSections.District),
        new("Academies", "/district/cohorts", 386, NavigationAudience.Permission, CohortPermissions.Manage, NavigationSections.District),
        new("Waves", "/district/waves", 387, NavigationAudience.Permission, CohortPermissions.Manage, NavigationSections.District),
        new("Roadmap", "/district/roadmap", 388, NavigationAudience.Permission, CohortPermissions.Manage, NavigationSections.District),
    ];
}
