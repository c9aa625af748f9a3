using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PLBadges.Abstractions.Rules;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.IntegrationTests;

/// <summary>What the coaching tests do often: a teacher with a planning period, a cycle, a meeting at a local school time.</summary>
internal static class CoachingDriver
{
    /// <summary>Monday 1 March 2027, 06:00 in Chicago (the demo district's zone): a school week ahead.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    public static DateTime Local(int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, month, day, hour, minute, 0, DateTimeKind.Unspecified), Chicago);

    /// <summary>A new teacher at Lincoln Elementary who plans in Period 3 (09:50–10:40).</summary>
    public static async Task<Guid> NewTeacherAsync(this TestSite site, string email)
    {
        await site.AddPersonAsync(email);
        await site.ApplyRecipeAsync($$"""
            { "name": "test-planning", "steps": [ { "name": "Coaching", "planning": [ { "teacher": "{{email}}", "school": "lincoln-elementary", "periods": [ "Period 3" ] } ] } ] }
            """);
        return await site.PersonIdAsync(email);
    }

    public static Task<Guid> StartCycleAsync(this TestSite site, string coachEmail, params Guid[] teachers) =>
        site.InScopeAsync(async services =>
        {
            var organizations = services.GetRequiredService<IOrganizationDirectory>();
            var school = (await organizations.FindByCodeAsync("lincoln-elementary"))!;
            var coach = await site.PersonIdAsync(coachEmail);
            var cycle = await services.GetRequiredService<CoachingService>().StartCycleAsync(coach, school, teachers, "Students plan their own work time.", "ef-visual-routines", "Executive functioning", CancellationToken.None);
            return cycle.Id;
        });

    /// <summary>What scheduling did: the meeting and its note, or the reason it was refused.</summary>
    public sealed record Placed(Meeting? Meeting, string? Error, string? Note);

    /// <summary>Schedules as a coach would, by default agreeing to a time outside the usual time (the tests of that ask by setting <paramref name="anyway"/> false).</summary>
    public static Task<Placed> ScheduleAsync(this TestSite site, Guid cycleId, MeetingKind kind, DateTime startUtc, DateTime endUtc, bool anyway = true) =>
        site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var cycle = await db.Set<CoachingCycle>().FirstAsync(c => c.Id == cycleId);
            try
            {
                var scheduled = await services.GetRequiredService<CoachingService>().ScheduleAsync(cycle, new MeetingRequest(kind, null, startUtc, endUtc, null), cycle.CoachId, CancellationToken.None, outsideUsualTimeAgreed: anyway);
                return new Placed(scheduled.Meeting, null, scheduled.Note);
            }
            catch (RuleException refused)
            {
                return new Placed(null, refused.Message, null);
            }
        });

    public static Task<int> MeetingCountAsync(this TestSite site, Guid cycleId) =>
        site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<Meeting>().CountAsync(m => m.CycleId == cycleId));

    public static Task RunAsync<TWork>(this TestSite site)
        where TWork : PLBadges.Abstractions.Jobs.IRecurringWork =>
        site.InScopeAsync(services => services.GetRequiredService<TWork>().RunAsync(CancellationToken.None));

    /// <summary>The text/calendar attachment of a message.</summary>
    public static string Calendar(MimeMessage message) =>
        message.Attachments.OfType<MimePart>().Where(p => p.ContentType.MimeType == "text/calendar")
            .Select(p => { using var stream = new MemoryStream(); p.Content!.DecodeTo(stream); return System.Text.Encoding.UTF8.GetString(stream.ToArray()); })
            .Single();

    public sealed record ParsedEvent(string Method, string Uid, int Sequence, string Status, string Start, string End, IReadOnlyList<string> Attendees);

    /// <summary>Parses iCalendar text with Python's icalendar (Debian's python3-icalendar): a second, independent reader.</summary>
    public static async Task<ParsedEvent> ParseWithPythonAsync(string ics)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, ics);
        const string script = """
            import icalendar, json, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = [c for c in cal.walk() if c.name == 'VEVENT']
            assert len(events) == 1, len(events)
            e = events[0]
            attendees = e.get('attendee') or []
            if not isinstance(attendees, list): attendees = [attendees]
            print(json.dumps({'Method': str(cal.get('method')), 'Uid': str(e.get('uid')), 'Sequence': int(e.get('sequence', 0)),
                              'Status': str(e.get('status')), 'Start': e.decoded('dtstart').isoformat(), 'End': e.decoded('dtend').isoformat(),
                              'Attendees': [str(a) for a in attendees]}))
            """;
        try
        {
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; // Debian's, with python3-icalendar
            var start = new ProcessStartInfo(python, ["-c", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "python3 icalendar could not parse the invitation: " + error + "\n" + ics);
            return JsonSerializer.Deserialize<ParsedEvent>(output)!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
