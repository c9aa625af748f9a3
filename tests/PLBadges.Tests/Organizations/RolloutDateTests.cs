using System.Globalization;
using System.Text.Json;
using PLBadges.Organizations.Recipes;

namespace PLBadges.Tests.Organizations;

public class RolloutDateTests
{
    private static readonly DateOnly Today = new(2026, 1, 31);

    [Fact]
    public void An_iso_date_is_that_date()
    {
        Assert.Equal(new DateOnly(2027, 9, 1), RolloutDate.Parse("2027-09-01", Today));
    }

    [Fact]
    public void Plus_fourteen_months_is_fourteen_months_from_today()
    {
        var parsed = RolloutDate.Parse("+14 months", Today);

        Assert.Equal(Today.AddMonths(14), parsed);
        Assert.Equal(new DateOnly(2027, 3, 31), parsed);
    }

    [Theory]
    [InlineData("+1 month", 2026, 2, 28)]
    [InlineData("+0 months", 2026, 1, 31)]
    [InlineData("  +8 months  ", 2026, 9, 30)]
    [InlineData("+20 Months", 2027, 9, 30)]
    public void Relative_dates_count_calendar_months_from_today(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), RolloutDate.Parse(text, Today));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("+14")]
    [InlineData("+x months")]
    [InlineData("+3 weeks")]
    [InlineData("14 months")]
    [InlineData("2027-13-01")]
    [InlineData("09/01/2027")]
    [InlineData("2027-9-1")]
    public void Anything_else_is_not_a_rollout_date(string text)
    {
        Assert.Null(RolloutDate.Parse(text, Today));
    }

    [Theory]
    [InlineData("+14 months", true)]
    [InlineData("  +1 month", true)]
    [InlineData("2027-09-01", false)]
    [InlineData("soon", false)]
    public void IsRelative_is_true_only_for_plus_dates(string text, bool expected)
    {
        Assert.Equal(expected, RolloutDate.IsRelative(text));
    }

    [Theory]
    [InlineData("th-TH")] // Thai Buddhist calendar: its year 2027 is 1484 in the Gregorian calendar
    [InlineData("ar-SA")] // Um Al-Qura (Hijri) calendar
    [InlineData("en-US")]
    public void An_iso_date_means_the_same_day_whatever_the_server_culture(string culture)
    {
        // A recipe is a file with one date format; the server's culture must not change what it means.
        var original = CultureInfo.CurrentCulture;
        DateOnly? parsed;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            parsed = RolloutDate.Parse("2027-09-01", Today);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal("2027-09-01", parsed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_rollout_date_in_the_demo_recipe_parses()
    {
        using var demo = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Recipes, "demo.recipe.json")));
        var dates = demo.RootElement.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == "Organizations")
            .SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("deviceRolloutDate", out _))
            .Select(i => i.GetProperty("deviceRolloutDate").GetString()!)
            .ToList();

        Assert.NotEmpty(dates);
        Assert.All(dates, date => Assert.NotNull(RolloutDate.Parse(date, Today)));
    }
}
