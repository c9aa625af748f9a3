using PLBadges.Identity.Roster;

namespace PLBadges.Tests.Identity;

public class CsvTableTests
{
    private static List<string[]> Fields(IEnumerable<CsvTable.Record> records) => records.Select(r => r.Fields.ToArray()).ToList();

    [Fact]
    public void Commas_separate_fields_and_line_breaks_separate_records()
    {
        var records = CsvTable.Parse("email,name,school\nmaya@example.org,Maya Teacher,lincoln-elementary\n");

        Assert.Equal(
            [["email", "name", "school"], ["maya@example.org", "Maya Teacher", "lincoln-elementary"]],
            Fields(records));
        Assert.Equal([1, 2], records.Select(r => r.Line));
    }

    [Fact]
    public void A_header_with_more_semicolons_than_commas_makes_semicolon_the_separator()
    {
        var records = CsvTable.Parse("email;name;school\nsam@example.org;Okafor, Sam;washington-middle");

        Assert.Equal(
            [["email", "name", "school"], ["sam@example.org", "Okafor, Sam", "washington-middle"]],
            Fields(records));
    }

    [Fact]
    public void Semicolons_in_data_do_not_change_the_separator_a_comma_header_chose()
    {
        var records = CsvTable.Parse("email,name\nsam@example.org,Okafor; Sam;Jr");

        Assert.Equal(["sam@example.org", "Okafor; Sam;Jr"], records[1].Fields);
    }

    [Fact]
    public void A_quoted_field_keeps_its_commas()
    {
        var records = CsvTable.Parse("name,school\n\"Okafor, Sam\",\"Lincoln Elementary, North campus\"");

        Assert.Equal(["Okafor, Sam", "Lincoln Elementary, North campus"], records[1].Fields);
    }

    [Fact]
    public void Doubled_quotes_in_a_quoted_field_are_one_quote()
    {
        var records = CsvTable.Parse("name,note\n\"Jordan \"\"JC\"\" Coach\",\"\"\"\"\n");

        Assert.Equal(["Jordan \"JC\" Coach", "\""], records[1].Fields);
    }

    [Fact]
    public void An_empty_quoted_field_is_an_empty_string()
    {
        var records = CsvTable.Parse("a,b,c\n\"\",x,\"\"");

        Assert.Equal(["", "x", ""], records[1].Fields);
    }

    [Fact]
    public void Empty_fields_between_separators_are_kept()
    {
        var records = CsvTable.Parse("a,b,c\nx,,\n");

        Assert.Equal(["x", "", ""], records[1].Fields);
    }

    [Fact]
    public void Crlf_and_lf_line_endings_give_the_same_records_and_lines()
    {
        var lf = CsvTable.Parse("a,b\n1,2\n3,4\n");
        var crlf = CsvTable.Parse("a,b\r\n1,2\r\n3,4\r\n");
        var mixed = CsvTable.Parse("a,b\r\n1,2\n3,4");

        Assert.Equal(Fields(lf), Fields(crlf));
        Assert.Equal(Fields(lf), Fields(mixed));
        Assert.Equal([1, 2, 3], crlf.Select(r => r.Line));
        Assert.Equal([1, 2, 3], mixed.Select(r => r.Line));
        Assert.DoesNotContain(crlf.SelectMany(r => r.Fields), f => f.Contains('\r'));
    }

    [Fact]
    public void A_quoted_line_break_stays_in_the_field_and_the_record_keeps_its_starting_line()
    {
        var records = CsvTable.Parse("name,note\n\"Maya\",\"first line\nsecond line\nthird line\"\nSam,short\n");

        Assert.Equal(3, records.Count);
        Assert.Equal("first line\nsecond line\nthird line", records[1].Fields[1]);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["Sam", "short"], records[2].Fields);
        Assert.Equal(5, records[2].Line);
    }

    [Fact]
    public void A_quoted_crlf_line_break_counts_as_one_line()
    {
        var records = CsvTable.Parse("name,note\r\nMaya,\"one\r\ntwo\"\r\nSam,three\r\n");

        Assert.Equal("one\r\ntwo", records[1].Fields[1]);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_field()
    {
        var records = CsvTable.Parse("\uFEFFemail;name\nmaya@example.org;Maya");

        Assert.Equal("email", records[0].Fields[0]);
        Assert.Equal(["maya@example.org", "Maya"], records[1].Fields);
    }

    [Fact]
    public void Blank_lines_are_dropped_and_later_records_keep_their_real_line_numbers()
    {
        var records = CsvTable.Parse("a,b\n\n1,2\n   \n,\n3,4\n\n");

        Assert.Equal([["a", "b"], ["1", "2"], ["3", "4"]], Fields(records));
        Assert.Equal([1, 3, 6], records.Select(r => r.Line));
    }

    [Fact]
    public void Empty_text_has_no_records()
    {
        Assert.Empty(CsvTable.Parse(""));
        Assert.Empty(CsvTable.Parse("\uFEFF"));
        Assert.Empty(CsvTable.Parse("\r\n\r\n"));
    }

    [Fact]
    public void The_last_record_needs_no_line_break()
    {
        var records = CsvTable.Parse("a,b\n1,\"2\"");

        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public void An_unclosed_quote_throws_naming_the_line_the_record_starts_on()
    {
        var ex = Assert.Throws<FormatException>(() => CsvTable.Parse("email,name\nmaya@example.org,Maya\nsam@example.org,\"Okafor, Sam\nlast,line\n"));

        Assert.Contains("Line 3", ex.Message);
        Assert.Contains("not closed", ex.Message);
    }
}
