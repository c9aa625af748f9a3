using PLBadges.Recognition.Dashboard;
using PLBadges.Recognition.Licensure;

namespace PLBadges.Tests.Recognition;

public class DashboardFigureTests
{
    private static DecisionDays Days(int days, int count, int month = 1) => new() { StateId = Guid.Empty, Month = new DateOnly(2026, month, 1), Days = days, Count = count };

    [Fact]
    public void A_figure_resting_on_fewer_than_ten_records_is_not_shown()
    {
        Assert.Equal("fewer than 10", new Figure("Lakeside", 9, 9).Shown);
        Assert.Equal("fewer than 10", new Figure("None", 0, 0).Shown);
        Assert.Equal("10", new Figure("Riverbend", 10, 10).Shown);
        Assert.Equal("fewer than 10", new Figure("points", 240, 9).Shown); // a sum over nine applications is as revealing as the nine
        Assert.Equal("1,234.5", new Figure("points", 1234.5m, 200).Shown);
    }

    [Fact]
    public void When_one_part_is_suppressed_the_smallest_shown_part_is_withheld_so_the_total_does_not_give_it_away()
    {
        var parts = Figure.Protect([new Figure("A", 40, 40), new Figure("B", 3, 3), new Figure("C", 25, 25)]);
        Assert.Equal(["40", "fewer than 10", "withheld"], parts.Select(p => p.Shown));
        var two = Figure.Protect([new Figure("A", 40, 40), new Figure("B", 3, 3), new Figure("C", 2, 2)]);
        Assert.Equal(["40", "fewer than 10", "fewer than 10"], two.Select(p => p.Shown)); // two small ones hide each other
        Assert.Equal(["12"], Figure.Protect([new Figure("A", 12, 12)]).Select(p => p.Shown));
    }

    [Fact]
    public void The_median_is_read_from_the_counts_per_day_across_months()
    {
        Assert.Equal(0m, StateDashboard.Median([]));
        Assert.Equal(1m, StateDashboard.Median([Days(1, 3), Days(5, 1)])); // 1 1 1 5
        Assert.Equal(3m, StateDashboard.Median([Days(2, 1), Days(4, 1)])); // 2 4
        Assert.Equal(4m, StateDashboard.Median([Days(9, 1, 2), Days(4, 1), Days(4, 1, 3)])); // 4 4 9, the same day in two months
        Assert.Equal(14.5m, StateDashboard.Median([Days(3, 5), Days(14, 1), Days(15, 1), Days(30, 5)])); // 3×5 14 15 30×5
    }
}

public class EducatorNumberPatternTests
{
    [Theory]
    [InlineData("[0-9]{7}|[A-Z]{2}[0-9]{5}", "1234567anything", false)]
    [InlineData("[0-9]{7}|[A-Z]{2}[0-9]{5}", "AB12345", true)]
    [InlineData("^DS[0-9]{6}$", "DS204518", true)]
    [InlineData("^DS[0-9]{6}$", "xDS204518", false)]
    public void An_educator_number_pattern_matches_the_whole_number(string pattern, string number, bool matches) =>
        Assert.Equal(matches, System.Text.RegularExpressions.Regex.IsMatch(number, PLBadges.Recognition.Programmes.ProgrammeService.Whole(pattern)));
}
