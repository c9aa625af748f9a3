using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Notifications;
using PLBadges.Data;
using PLBadges.Identity.Contracts;

namespace PLBadges.Cohorts.Academy;

/// <summary>The mail the academies send.</summary>
public static class AcademyEmails
{
    public static readonly EmailTemplateDefinition SessionReminder = new(
        "academy-session-reminder",
        "To each team member and the facilitator, the day before an academy session",
        "Tomorrow: {{ session }}",
        "Hello {{ name }},\n\n{{ academy }} meets on {{ when }}: {{ session }}.\nWhere: {{ where }}\n\n{{ agenda }}\n\nYour academy: {{ link }}",
        ["name", "academy", "session", "when", "where", "agenda", "link"]);

    public static readonly EmailTemplateDefinition SessionInvitation = new(
        "academy-session-invitation",
        "To each team member and the facilitator when an academy session is scheduled, with the calendar invitation attached",
        "Invitation: {{ session }} ({{ academy }})",
        "Hello {{ name }},\n\n{{ academy }} has a new session on {{ when }}: {{ session }}.\nWhere: {{ where }}\n\n{{ agenda }}\n\nThe attached invitation adds it to your calendar. Your academy: {{ link }}",
        ["name", "academy", "session", "when", "where", "agenda", "link"]);

    /// <summary>What a session's mails say about it, in the district's time.</summary>
    internal static Dictionary<string, object?> Model(string name, Cohort cohort, CohortSession session, TimeZoneInfo zone, string origin)
    {
        var start = CohortService.ToLocal(zone, session.StartUtc);
        var end = CohortService.ToLocal(zone, session.EndUtc);
        return new()
        {
            ["name"] = name,
            ["academy"] = cohort.Name,
            ["session"] = session.Title,
            ["when"] = $"{start:ddd d MMM yyyy, h:mm tt}–{end:h:mm tt}",
            ["where"] = string.Join(", ", new[] { session.Place, session.OnlineLink }.OfType<string>()),
            ["agenda"] = session.AgendaMarkdown,
            ["link"] = $"{origin}/me/academy",
        };
    }
}

/// <summary>
/// Every few minutes: a reminder to each member and the facilitator of a session beginning within
/// the next 24 hours. Each (session, person) is sent once: the mail outbox refuses a second message
/// with the same key, so a sweep run twice, or on two nodes, or after a restart, adds nothing.
/// </summary>
public sealed class AcademyReminders(PLBadgesDbContext db, CohortService cohorts, IEmailOutbox mail, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock, ILogger<AcademyReminders> logger) : IRecurringWork
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Ahead;
        var due = await (from s in db.Set<CohortSession>().AsNoTracking()
                         join c in db.Set<Cohort>() on s.CohortId equals c.Id
                         where s.StartUtc > now && s.StartUtc <= until
                         select new { Session = s, Cohort = c }).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            var members = await db.Set<TeamMember>().AsNoTracking().Where(m => m.CohortId == item.Cohort.Id).Select(m => m.PersonId).Distinct().ToListAsync(cancellationToken);
            if (item.Cohort.FacilitatorId is { } facilitator)
            {
                members.Add(facilitator);
            }

            var zone = await cohorts.ZoneAsync(item.Cohort.DistrictId, cancellationToken);
            foreach (var person in (await people.GetAsync(members.Distinct(), cancellationToken)).Where(p => p.IsActive))
            {
                await mail.QueueAsync(AcademyEmails.SessionReminder.Name, person.Email, AcademyEmails.Model(person.DisplayName, item.Cohort, item.Session, zone, origin.Value),
                    item.Cohort.DistrictId, $"academy-session-reminder:{item.Session.Id:N}:{person.Id:N}", cancellationToken);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException problem)
        {
            // Another node queued the same reminders at the same moment: its commit stands, and the keys keep the next run from repeating them.
            logger.LogInformation(problem, "Academy reminders were queued by another run.");
        }
    }
}
