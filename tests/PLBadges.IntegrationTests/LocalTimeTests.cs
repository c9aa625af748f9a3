using PLBadges.Abstractions.Display;

namespace PLBadges.IntegrationTests;

/// <summary>Times on pages read in the reader's own school's time zone, with the zone named (the demo district keeps Central time).</summary>
public abstract class LocalTimeTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_teachers_submission_history_reads_in_her_schools_time_zone_with_the_zone_named()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        var submission = await teacher.StartAsync();
        await teacher.FillAsync(submission);
        await teacher.SubmitAsync(submission);

        var times = (await teacher.GetDocumentAsync($"/me/submissions/{submission}")).QuerySelectorAll("details.history time[datetime]").ToList();
        Assert.NotEmpty(times);
        var central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        foreach (var time in times)
        {
            var utc = DateTime.Parse(time.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Equal(LocalTimeText.Format(utc, central), time.TextContent);
            Assert.Matches("Central (Standard|Daylight) Time$", time.TextContent);
        }
    }

    [Fact]
    public void A_time_names_its_zone_and_the_clock_change()
    {
        var central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        Assert.Equal("4 December 2026, 2:30 PM Central Standard Time", LocalTimeText.Format(new DateTime(2026, 12, 4, 20, 30, 0, DateTimeKind.Utc), central));
        Assert.Equal("4 July 2026, 3:30 PM Central Daylight Time", LocalTimeText.Format(new DateTime(2026, 7, 4, 20, 30, 0, DateTimeKind.Utc), central));
        Assert.Equal("4 December 2026, 8:30 PM UTC", LocalTimeText.Format(new DateTime(2026, 12, 4, 20, 30, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
        // A meeting's time names its zone the same way.
        Assert.Equal("Fri 4 Dec 2026, 8:30 PM–9:15 PM UTC", PLBadges.Coaching.Cycles.CoachingService.When(TimeZoneInfo.Utc, new DateTime(2026, 12, 4, 20, 30, 0, DateTimeKind.Utc), new DateTime(2026, 12, 4, 21, 15, 0, DateTimeKind.Utc)));
        Assert.Equal("Sat 4 Jul 2026, 3:30 PM–4:15 PM Central Daylight Time", PLBadges.Coaching.Cycles.CoachingService.When(central, new DateTime(2026, 7, 4, 20, 30, 0, DateTimeKind.Utc), new DateTime(2026, 7, 4, 21, 15, 0, DateTimeKind.Utc)));
    }
}

public sealed class LocalTimeOnSqlite(SqliteSite fixture) : LocalTimeTests(fixture), IClassFixture<SqliteSite>;

public sealed class LocalTimeOnPostgres(PostgresSite fixture) : LocalTimeTests(fixture), IClassFixture<PostgresSite>;
