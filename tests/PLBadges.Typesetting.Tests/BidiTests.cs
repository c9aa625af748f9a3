namespace PLBadges.Typesetting.Tests;

/// <summary>UAX #9 through ICU, and rule L2 as this library applies it per line. Expected orders are worked by hand from the rules.</summary>
public class BidiTests
{
    /// <summary>The text as it is shown, left to right: each character at its visual place.</summary>
    private static string Visual(string text, TextDirection direction = TextDirection.Auto)
    {
        var paragraph = Bidi.Analyze(text, direction);
        return string.Concat(Bidi.VisualOrder(paragraph.Levels.ToArray()).Select(i => text[i]));
    }

    private static string Reversed(string text) => string.Concat(text.Reverse());

    [Fact]
    public void An_Arabic_name_with_a_year_inside_English_text_reads_right_to_left_with_the_year_left_of_it()
    {
        // The space between the name and the year sits between two right-to-left items (AL, then EN made AN by W2),
        // so N1 makes it right to left too; the year is level 2 and keeps its digit order.
        const string Name = "محمد عبد الله";
        var paragraph = Bidi.Analyze($"Award to {Name} 2026 for 12 hours");

        Assert.False(paragraph.RightToLeft);
        Assert.Equal(0, paragraph.ParagraphLevel);
        Assert.All(paragraph.Levels.Skip(9).Take(Name.Length), level => Assert.Equal(1, level));
        Assert.All(paragraph.Levels.Skip(9 + Name.Length + 1).Take(4), level => Assert.Equal(2, level));
        Assert.Equal($"Award to 2026 {Reversed(Name)} for 12 hours", Visual($"Award to {Name} 2026 for 12 hours"));
    }

    [Fact]
    public void An_Arabic_paragraph_is_right_to_left_and_its_numbers_stay_left_to_right()
    {
        var paragraph = Bidi.Analyze("محمد 12 كتاب");

        Assert.True(paragraph.RightToLeft);
        Assert.Equal($"{Reversed("كتاب")} 12 {Reversed("محمد")}", Visual("محمد 12 كتاب"));
    }

    [Fact]
    public void English_and_a_number_inside_a_Hebrew_paragraph_keep_their_order_as_one_left_to_right_island()
    {
        // W7 makes the 3 after "PLBadges" left to right, and N1 the space between them.
        Assert.Equal($"PLBadges 3 {Reversed("שלום")}", Visual("שלום PLBadges 3"));
    }

    [Fact]
    public void The_base_direction_comes_from_the_first_strong_letter_unless_it_is_given()
    {
        Assert.False(Bidi.Analyze("123 abc محمد").RightToLeft);
        Assert.True(Bidi.Analyze("123 محمد abc").RightToLeft);
        Assert.False(Bidi.Analyze("2026 – 12").RightToLeft); // no strong letter: left to right
        Assert.True(Bidi.Analyze("abc", TextDirection.RightToLeft).RightToLeft);
        Assert.Equal("abc 12", Visual("abc 12", TextDirection.RightToLeft)); // W7: the number follows "abc"
    }

    [Fact]
    public void An_isolate_keeps_a_right_to_left_name_from_pulling_the_number_after_it()
    {
        // Without the isolate (FSI ... PDI) the 5 would join the Arabic run as above; inside it, the name is sealed off.
        const string Name = "محمد";
        Assert.Equal($"5 {Reversed(Name)} hours", Visual($"{Name} 5 hours", TextDirection.LeftToRight));
        Assert.Equal($"\u2068{Reversed(Name)}\u2069 5 hours", Visual($"\u2068{Name}\u2069 5 hours"));
    }

    [Fact]
    public void Rule_L2_reverses_from_the_highest_level_down_to_the_lowest_odd_level()
    {
        Assert.Equal([0, 1, 6, 4, 5, 3, 2, 7], Bidi.VisualOrder([0, 0, 1, 1, 2, 2, 1, 0]));
        Assert.Equal([3, 2, 1, 0], Bidi.VisualOrder([1, 1, 1, 1]));
        Assert.Equal([0, 1, 2], Bidi.VisualOrder([0, 0, 0]));
        Assert.Equal([1, 2, 0], Bidi.VisualOrder([1, 2, 2])); // digits (2) inside a right-to-left run (1)
    }

    [Fact]
    public void The_ICU_in_use_is_named_with_its_version_suffix()
    {
        Assert.Matches(@"libicuuc\.so\.\d+ \(_\d+\)|unversioned", Bidi.IcuLibrary);
    }
}
