using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Notifications;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;

namespace PLBadges.Coaching.Reminders;

/// <summary>
/// A nudge to the coach when a debrief still has no notes two school days after it. Once per
/// debrief (the email's key), whenever the job runs.
/// </summary>
public sealed class DebriefNudges(PLBadgesDbContext db, CoachingService coaching, IEmailOutbox mail, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var debriefs = await (from m in db.Set<Meeting>().AsNoTracking()
                              join c in db.Set<CoachingCycle>() on m.CycleId equals c.Id
                              where m.Kind == MeetingKind.Debrief && m.State == MeetingState.Scheduled && m.Notes == null
                                  && m.EndUtc < now && m.EndUtc > now.AddDays(-30)
                              select new { Meeting = m, c.CoachId, Cycle = c }).ToListAsync(cancellationToken);
        foreach (var school in debriefs.GroupBy(d => d.Meeting.SchoolId))
        {
            var calendar = await coaching.CalendarOfAsync(school.Key, cancellationToken);
            foreach (var debrief in school)
            {
                var day = DateOnly.FromDateTime(calendar.ToLocal(debrief.Meeting.EndUtc));
                var due = calendar.ToUtc(calendar.AddSchoolDays(day, 2), new TimeOnly(7, 0));
                if (now < due)
                {
                    continue;
                }

                var teachers = await coaching.TeachersOfAsync(debrief.Cycle.Id, cancellationToken);
                var named = await people.GetAsync([debrief.CoachId, .. teachers], cancellationToken);
                if (named.FirstOrDefault(p => p.Id == debrief.CoachId) is not { IsActive: true } coach)
                {
                    continue;
                }

                await mail.QueueAsync(CoachingEmails.DebriefNudge.Name, coach.Email, new Dictionary<string, object?>
                {
                    ["name"] = coach.DisplayName,
                    ["teacher"] = string.Join(", ", named.Where(p => p.Id != coach.Id).Select(p => p.DisplayName)),
                    ["when"] = CoachingService.When(calendar.Zone, debrief.Meeting.StartUtc, debrief.Meeting.EndUtc),
                    ["link"] = $"{origin.Value}/coaching/meetings/{debrief.Meeting.Id}",
                }, school.Key, $"coaching-debrief-nudge:{debrief.Meeting.Id:N}", cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Each coach's week ahead, on Monday morning: meetings, next steps due, teachers not seen in 30 days. Once per coach per week.</summary>
public sealed class WeeklyDigest(PLBadgesDbContext db, IEmailOutbox mail, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var week = $"{ISOWeek.GetYear(now)}-W{ISOWeek.GetWeekOfYear(now):00}";
        var coaches = await db.Set<CoachingCycle>().AsNoTracking().Where(c => c.State == CycleState.Active || c.State == CycleState.Planned)
            .Select(c => c.CoachId).Distinct().ToListAsync(cancellationToken);
        foreach (var coachId in coaches)
        {
            var caseload = await Caseload.ForCoachAsync(db, coachId, now, cancellationToken);
            var named = (await people.GetAsync([coachId, .. caseload.Unseen.Select(u => u.TeacherId), .. caseload.Week.SelectMany(m => m.TeacherIds)], cancellationToken)).ToDictionary(p => p.Id);
            if (!named.TryGetValue(coachId, out var coach) || !coach.IsActive)
            {
                continue;
            }

            string Names(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => named.GetValueOrDefault(id)?.DisplayName ?? "a teacher"));
            await mail.QueueAsync(CoachingEmails.WeeklyDigest.Name, coach.Email, new Dictionary<string, object?>
            {
                ["name"] = coach.DisplayName,
                ["meetings"] = caseload.Week.Count,
                ["meeting_lines"] = Lines(caseload.Week.Select(m => $"- {m.StartUtc:ddd d MMM HH:mm} UTC: {CoachingService.Describe(m.Kind, m.Style)} with {Names(m.TeacherIds)}")),
                ["steps"] = caseload.StepsDue.Count,
                ["step_lines"] = Lines(caseload.StepsDue.Select(s => $"- {s.Text} (due {s.Due:d MMM})")),
                ["unseen"] = caseload.Unseen.Count,
                ["unseen_lines"] = Lines(caseload.Unseen.Select(u => $"- {Names([u.TeacherId])}")),
                ["link"] = $"{origin.Value}/coaching",
            }, null, $"coaching-digest:{coachId:N}:{week}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines.DefaultIfEmpty("- none"));
}
