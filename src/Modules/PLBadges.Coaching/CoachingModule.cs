using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PLBadges.Abstractions.Calendar;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching;
using PLBadges.Coaching.Api;
using PLBadges.Coaching.Calendars;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Recipes;
using PLBadges.Coaching.Reminders;
using PLBadges.Coaching.Scheduling;

[assembly: PLBadgesModule(typeof(CoachingModule))]

namespace PLBadges.Coaching;

/// <summary>Coaching: cycles of planning, classroom visit, debrief and follow-up, inside teachers' planning time.</summary>
public sealed class CoachingModule : ModuleStartup
{
    public override string Name => "Coaching";

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Identity", "Notifications", "Pathways", "Evidence"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoachingOptions>().Bind(configuration.GetSection(CoachingOptions.Section))
            .Validate(o => o.TravelGapMinutes is >= 0 and <= 240 && o.SuggestDays is >= 1 and <= 120 && o.ReminderMinutes.All(m => m is > 0 and <= 20160),
                "Coaching: TravelGapMinutes is 0–240, SuggestDays 1–120, ReminderMinutes each 1–20160.")
            .ValidateOnStart();
        services.AddScoped<CoachingAccess>();
        services.AddZoneContributor<Home.CoachingWeekTask>();
        services.AddZoneContributor<Home.NextMeetingTask>();
        services.AddScoped<CoachingService>();
        services.AddScoped<CalendarFeeds>();
        services.AddSingleton<PLBadges.Abstractions.Calendar.IInvitationWriter, ICalendarInvitations>();
        services.AddScoped<PLBadges.Coaching.Contracts.ICoachingHours, CoachingHours>();
        services.AddScoped<PLBadges.Coaching.Contracts.ICoachingParticipation, CoachingParticipation>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICalendarSource, CoachingCalendarSource>());
        services.AddRecipeStep<CoachingRecipeStep>();
        services.AddRecurringWork<ReminderSweep>("coaching-reminders", "* * * * *");
        services.AddRecurringWork<DebriefNudges>("coaching-debrief-nudges", "0 * * * *");
        services.AddRecurringWork<WeeklyDigest>("coaching-weekly-digest", "0 12 * * 1");
        foreach (var template in CoachingEmails.All)
        {
            services.AddEmailTemplate(template);
        }
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<CoachingCycle>(e =>
        {
            e.ToTable("CoachingCycles");
            e.HasKey(c => c.Id);
            e.Property(c => c.Goal).HasMaxLength(1000);
            e.Property(c => c.MicroCredentialSlug).HasMaxLength(100);
            e.Property(c => c.FocusArea).HasMaxLength(100);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(12);
            e.HasIndex(c => new { c.CoachId, c.State });
            e.HasIndex(c => new { c.SchoolId, c.State });
            e.HasIndex(c => new { c.DistrictId, c.State });
        });
        model.Entity<CycleTeacher>(e =>
        {
            e.ToTable("CoachingCycleTeachers");
            e.HasKey(t => new { t.CycleId, t.TeacherId });
            e.HasIndex(t => t.TeacherId);
            e.HasOne<CoachingCycle>().WithMany().HasForeignKey(t => t.CycleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CycleChange>(e =>
        {
            e.ToTable("CoachingCycleChanges");
            e.HasKey(c => c.Id);
            e.Property(c => c.What).HasMaxLength(300);
            e.HasIndex(c => new { c.CycleId, c.At });
            e.HasOne<CoachingCycle>().WithMany().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Meeting>(e =>
        {
            e.ToTable("CoachingMeetings");
            e.HasKey(m => m.Id);
            e.Ignore(m => m.Duration);
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(12);
            e.Property(m => m.Style).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(12);
            e.Property(m => m.Location).HasMaxLength(200);
            e.Property(m => m.Notes).HasMaxLength(20000);
            e.HasIndex(m => new { m.CycleId, m.StartUtc });
            e.HasIndex(m => new { m.Kind, m.State, m.EndUtc });
            e.HasOne<CoachingCycle>().WithMany().HasForeignKey(m => m.CycleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MeetingAttendee>(e =>
        {
            e.ToTable("CoachingMeetingAttendees");
            e.HasKey(a => new { a.MeetingId, a.PersonId });
            e.HasIndex(a => new { a.PersonId, a.Active, a.StartUtc });
            e.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NextStep>(e =>
        {
            e.ToTable("CoachingNextSteps");
            e.HasKey(s => s.Id);
            e.Property(s => s.Text).HasMaxLength(500);
            e.HasIndex(s => new { s.CycleId, s.DoneAt, s.Due });
            e.HasOne<CoachingCycle>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Reminder>(e =>
        {
            e.ToTable("CoachingReminders");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.SentAt, r.DueAt });
            e.HasIndex(r => r.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CalendarSettings>(e =>
        {
            e.ToTable("CalendarSettings");
            e.HasKey(s => s.PersonId);
            e.Property(s => s.FeedTokenHash).HasMaxLength(64);
            e.HasIndex(s => s.FeedTokenHash).IsUnique();
        });
        model.Entity<BellPeriod>(e =>
        {
            e.ToTable("SchoolBellPeriods");
            e.HasKey(p => p.Id);
            e.Property(p => p.Name).HasMaxLength(60);
            e.HasIndex(p => new { p.SchoolId, p.Weekday, p.Start });
        });
        model.Entity<SchoolClosure>(e =>
        {
            e.ToTable("SchoolClosures");
            e.HasKey(c => new { c.SchoolId, c.Date });
            e.Property(c => c.Reason).HasMaxLength(200);
        });
        model.Entity<FreeTime>(e =>
        {
            e.ToTable("TeacherFreeTimes");
            e.HasKey(f => f.Id);
            e.Property(f => f.Label).HasMaxLength(60);
            e.HasIndex(f => new { f.PersonId, f.SchoolId });
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCoachingApi();
        CalendarFeeds.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => CoachingPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Coaching", "/coaching", 55, NavigationAudience.Permission, CoachingPermissions.Coach, NavigationSections.Coach),
        new("My coaching", "/me/coaching", 45, NavigationAudience.Permission, CoachingPermissions.Participate),
        new("Coaching report", "/coaching/report", 390, NavigationAudience.Permission, CoachingPermissions.Oversee, NavigationSections.District),
        new("Bell schedules", "/coaching/schedules", 395, NavigationAudience.Permission, CoachingPermissions.Schedules, NavigationSections.District),
    ];
}
