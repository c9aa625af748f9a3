using PLBadges.Abstractions.Display;

namespace PLBadges.Tests.Abstractions;

public class HoursTextTests
{
    [Theory]
    [InlineData("0", "0 min")]
    [InlineData("0.5", "30 min")]
    [InlineData("0.83", "50 min")]
    [InlineData("1", "1 h")]
    [InlineData("1.25", "1 h 15 min")]
    [InlineData("17.83", "17 h 50 min")]
    [InlineData("40", "40 h")]
    public void Hours_read_as_hours_and_minutes(string hours, string shown) =>
        Assert.Equal(shown, HoursText.Of(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Half_a_minute_rounds_up_and_a_full_hour_of_minutes_is_an_hour()
    {
        Assert.Equal("1 h", HoursText.Of(59.5m / 60m));
        Assert.Equal("59 min", HoursText.Of(59.4m / 60m));
        Assert.Equal("2 h", HoursText.Of(1m + 59.5m / 60m));
        Assert.Equal("1 h 30 min", HoursText.Of(1.5)); // the double overload (coaching meetings' TimeSpan hours)
    }

    [Fact]
    public void The_data_element_keeps_the_decimal_figure_beside_the_words()
    {
        Assert.Equal("<data id=\"total\" value=\"17.83\">17 h 50 min</data>", HoursText.Data(17.83m, "total").ToString());
        Assert.Equal("<data value=\"0\">0 min</data>", HoursText.Data(0m).ToString());
    }
}
