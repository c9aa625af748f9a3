using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Notifications;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Reminders;

/// <summary>
/// Sends the reminders that are due. The database holds them; a batch is claimed (SentAt set, with
/// this run's claim id) and its emails queued in one transaction, so a restart at any moment sends
/// each exactly once, and a node that races for the same rows finds them claimed. Reminders of a
/// moved or cancelled meeting were removed with the change; one whose meeting has begun is dropped.
/// </summary>
public sealed class ReminderSweep(
    PLBadgesDbContext db,
    IEmailOutbox mail,
    IPeopleDirectory people,
    IOrganizationDirectory organizations,
    SiteOrigin origin,
    TimeProvider clock) : IRecurringWork
{
    public const int BatchSize = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Whole milliseconds: the claim below finds its rows by this value, and PostgreSQL keeps microseconds.
        var ticks = clock.GetUtcNow().UtcDateTime.Ticks;
        var now = new DateTime(ticks - ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        // Too late to remind: the meeting has started (the site was down, say). Nothing is sent for them.
        await db.Set<Reminder>().Where(r => r.SentAt == null && r.DueAt <= now
                && !db.Set<Meeting>().Any(m => m.Id == r.MeetingId && m.State == MeetingState.Scheduled && m.Sequence == r.Sequence && m.StartUtc > now))
            .ExecuteDeleteAsync(cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await db.Set<Reminder>().AsNoTracking().Where(r => r.SentAt == null && r.DueAt <= now)
                .OrderBy(r => r.DueAt).Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await SendAsync(batch, now, cancellationToken);
        }
    }

    /// <summary>Claims the batch and queues its emails in one transaction: a failure queues nothing and leaves the reminders due.</summary>
    private Task SendAsync(List<Guid> batch, DateTime now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(ct => QueueAsync(batch, now, ct), cancellationToken);

    private async Task QueueAsync(List<Guid> batch, DateTime now, CancellationToken cancellationToken)
    {
        var claimed = await db.Set<Reminder>().Where(r => batch.Contains(r.Id) && r.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, now), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        // What this run claimed: rows of the batch marked at this instant (a racing node's claim either came first and
        // is excluded by "SentAt == null" above, or waits on our row locks and then finds them taken).
        var rows = await (from r in db.Set<Reminder>().AsNoTracking()
                          join m in db.Set<Meeting>() on r.MeetingId equals m.Id
                          join c in db.Set<CoachingCycle>() on m.CycleId equals c.Id
                          where batch.Contains(r.Id) && r.SentAt == now
                          select new { Reminder = r, Meeting = m, Cycle = c }).ToListAsync(cancellationToken);
        var personIds = rows.Select(r => r.Reminder.PersonId).Concat(rows.Select(r => r.Cycle.CoachId)).Distinct().ToList();
        var cycleIds = rows.Select(r => r.Cycle.Id).Distinct().ToList();
        var teachers = await db.Set<CycleTeacher>().AsNoTracking().Where(t => cycleIds.Contains(t.CycleId)).ToListAsync(cancellationToken);
        var named = (await people.GetAsync(personIds.Concat(teachers.Select(t => t.TeacherId)).Distinct(), cancellationToken)).ToDictionary(p => p.Id);
        var schools = (await organizations.ListAsync(rows.Select(r => r.Meeting.SchoolId).Distinct(), cancellationToken)).ToDictionary(o => o.Id);
        foreach (var row in rows)
        {
            if (!named.TryGetValue(row.Reminder.PersonId, out var person) || !person.IsActive)
            {
                continue;
            }

            var school = schools.GetValueOrDefault(row.Meeting.SchoolId);
            var isCoach = person.Id == row.Cycle.CoachId;
            var with = isCoach
                ? string.Join(", ", teachers.Where(t => t.CycleId == row.Cycle.Id).Select(t => named.GetValueOrDefault(t.TeacherId)?.DisplayName).OfType<string>())
                : named.GetValueOrDefault(row.Cycle.CoachId)?.DisplayName ?? "your coach";
            var model = new Dictionary<string, object?>
            {
                ["name"] = person.DisplayName,
                ["meeting"] = CoachingService.Describe(row.Meeting.Kind, row.Meeting.Style),
                ["with"] = with,
                ["when"] = CoachingService.When(school?.Zone ?? TimeZoneInfo.Utc, row.Meeting.StartUtc, row.Meeting.EndUtc),
                ["school"] = school?.Name ?? "",
                ["link"] = isCoach ? $"{origin.Value}/coaching/meetings/{row.Meeting.Id}" : $"{origin.Value}/me/coaching",
                ["settings"] = $"{origin.Value}/me/calendar",
            };
            await mail.QueueAsync(CoachingEmails.Reminder.Name, person.Email, model, row.Meeting.SchoolId, $"coaching-reminder:{row.Reminder.Id:N}", cancellationToken);
        }
    }
}
