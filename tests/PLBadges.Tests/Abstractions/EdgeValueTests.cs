using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Values;

namespace PLBadges.Tests.Abstractions;

public class EdgeValueTests
{
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Theory]
    [InlineData(DateField.RolloutDate, "0001-01-01", false)]
    [InlineData(DateField.RolloutDate, "1999-12-31", false)]
    [InlineData(DateField.RolloutDate, "2000-01-01", true)]
    [InlineData(DateField.AcademySession, "2100-12-31", true)]
    [InlineData(DateField.CoachingMeeting, "2101-01-01", false)]
    [InlineData(DateField.CoachingMeeting, "9999-12-31", false)]
    public void Planning_dates_lie_within_2000_to_2100(DateField field, string date, bool accepted)
    {
        var problem = FieldRanges.Check(field, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(accepted, problem == null);
        if (!accepted)
        {
            Assert.Contains("between 1 January 2000 and 31 December 2100", problem);
        }
    }

    [Fact]
    public void Publication_years_run_from_1900_to_this_year()
    {
        Assert.Null(FieldRanges.CheckPublicationYear(1985, 2026));
        Assert.Null(FieldRanges.CheckPublicationYear(null, 2026));
        Assert.NotNull(FieldRanges.CheckPublicationYear(1899, 2026));
        Assert.NotNull(FieldRanges.CheckPublicationYear(2027, 2026));
    }

    [Fact]
    public void A_time_the_clocks_skip_moves_forward_by_the_gap()
    {
        // 14 March 2027: at 2:00 Central time the clocks go forward to 3:00.
        var skipped = ZoneTime.ToUtc(new DateOnly(2027, 3, 14), new TimeOnly(2, 30), Central);

        Assert.Equal(ClockChange.Skipped, skipped.Change);
        Assert.Equal(new DateTime(2027, 3, 14, 8, 30, 0, DateTimeKind.Utc), skipped.Utc); // 3:30 CDT
        Assert.Equal(new TimeOnly(3, 30), TimeOnly.FromDateTime(ZoneTime.ToLocal(skipped.Utc, Central)));
        Assert.Contains("does not exist", ZoneTime.Explain(skipped, new TimeOnly(2, 30), Central));
    }

    [Fact]
    public void A_time_the_clocks_repeat_is_its_first_occurrence()
    {
        // 7 November 2027: at 2:00 CDT the clocks go back to 1:00 CST, so 1:30 happens twice.
        var repeated = ZoneTime.ToUtc(new DateOnly(2027, 11, 7), new TimeOnly(1, 30), Central);

        Assert.Equal(ClockChange.Repeated, repeated.Change);
        Assert.Equal(new DateTime(2027, 11, 7, 6, 30, 0, DateTimeKind.Utc), repeated.Utc); // 1:30 CDT, UTC-5
    }

    [Fact]
    public void An_ordinary_time_converts_as_usual()
    {
        var plain = ZoneTime.ToUtc(new DateOnly(2027, 1, 12), new TimeOnly(16, 0), Central);

        Assert.Equal(ClockChange.None, plain.Change);
        Assert.Equal(new DateTime(2027, 1, 12, 22, 0, 0, DateTimeKind.Utc), plain.Utc);
    }

    [Fact]
    public void Names_lose_bidi_controls_and_line_breaks()
    {
        Assert.Equal("invoicefdp.txt", DisplayText.Clean("invoice\u202Efdp.txt"));
        Assert.Equal("Maya Teacher", DisplayText.Clean(" Maya\r\n\tTeacher "));
        Assert.Equal("abc", DisplayText.Clean("\u2066a\u200Eb\u061Cc\u2069"));
        Assert.Equal("a b", DisplayText.Clean("a\u2028b\u0007"));
        Assert.Equal("", DisplayText.Clean("\u202E"));
        Assert.Equal("Zoë O’Neil-Ruiz", DisplayText.Clean("Zoë O’Neil-Ruiz"));
    }

    [Fact]
    public void Spreadsheet_csv_escapes_formula_like_text_and_writes_numbers_as_numbers()
    {
        var csv = Csv.Write(["Name", "Months", "Hours", "Share"],
        [
            ["-1+1+cmd|' /C calc'!A0", -3, -1.5m, 0.25],
            ["=HYPERLINK(\"x\")", 0, 2.5m, -0.5],
            ["+1", 12L, 0m, 1.0],
            ["@SUM(A1)", null, null, null],
            ["\tTabbed", 1, 1m, 1.0],
            ["\rReturn", 1, 1m, 1.0],
            ["-", 1, 1m, 1.0],
            ["Plain, with a comma", 1, 1m, 1.0],
        ]);

        var lines = csv.Split("\r\n");
        Assert.Equal("'-1+1+cmd|' /C calc'!A0,-3,-1.5,0.25", lines[1]);
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\",0,2.5,-0.5", lines[2]);
        Assert.Equal("'+1,12,0,1", lines[3]);
        Assert.Equal("'@SUM(A1),,,", lines[4]);
        Assert.Equal("'\tTabbed,1,1,1", lines[5]);
        Assert.Equal("\"'\rReturn\",1,1,1", lines[6]);
        Assert.Equal("'-,1,1,1", lines[7]);
        Assert.Equal("\"Plain, with a comma\",1,1,1", lines[8]);
    }

    [Fact]
    public void Exact_csv_writes_values_as_they_are_and_refuses_formula_like_text_by_row_and_column()
    {
        var exact = Csv.Write(["Educator", "Units"], [["DS204518", -2], ["Ann O'Neil", 6]], CsvMode.Exact);
        Assert.Equal("Educator,Units\r\nDS204518,-2\r\nAnn O'Neil,6\r\n", exact);

        var refused = Assert.Throws<CsvFormulaException>(() => Csv.Write(["Educator", "Units"], [["DS204518", 6], ["-1+1+cmd|' /C calc'!A0", 6]], CsvMode.Exact));
        Assert.Equal(2, refused.Row);
        Assert.Equal("Educator", refused.Column);
        Assert.Contains("Row 2, column \"Educator\"", refused.Message);
    }

    [Fact]
    public void A_streamed_exact_csv_refuses_one_row_alone_and_writes_the_same_text_as_the_whole_file()
    {
        string[] header = ["Educator", "Units"];
        var good = Csv.RowLine(header, ["DS204518", 6], 1, CsvMode.Exact);
        var refused = Assert.Throws<CsvFormulaException>(() => Csv.RowLine(header, ["=cmd", 6], 2, CsvMode.Exact));
        var next = Csv.RowLine(header, ["Ann O'Neil", 1.5m], 3, CsvMode.Exact);

        Assert.Equal(2, refused.Row);
        Assert.Equal(Csv.HeaderLine(header, CsvMode.Exact) + good + next, Csv.Write(header, [["DS204518", 6], ["Ann O'Neil", 1.5m]], CsvMode.Exact));
    }
}
