namespace PLBadges.Typesetting.Tests;

public class WrappingTests
{
    private static readonly TextLayout Layout = TextLayout.Shipped;
    private static readonly TextStyle Style = new(10);

    [Fact]
    public void Lines_break_between_words_and_none_is_wider_than_the_width()
    {
        const string Text = "Representation: Flexible Ways to Perceive and Comprehend, earned by Nguyễn Thị Minh Khai for the Universal Design for Learning pathway.";
        var lines = Layout.Wrap(Text, Style, 160);

        Assert.True(lines.Count > 2);
        Assert.All(lines, line => Assert.True(line.Width <= 160, $"'{line.Text}' is {line.Width} wide"));
        Assert.Equal(Text, string.Join(" ", lines.Select(l => l.Text)));
        Assert.All(lines, line => Assert.False(line.Text.StartsWith(' ') || line.Text.EndsWith(' ')));
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_between_letters()
    {
        var lines = Layout.Wrap("https://plbadges.example/credentials/0f8fad5b-d9cb-469f-a165-70867728950e", Style, 60);

        Assert.True(lines.Count > 3);
        Assert.All(lines, line => Assert.True(line.Width <= 60));
        Assert.Equal("https://plbadges.example/credentials/0f8fad5b-d9cb-469f-a165-70867728950e", string.Concat(lines.Select(l => l.Text)));
    }

    [Fact]
    public void Chinese_without_spaces_wraps_between_Han_characters()
    {
        const string Text = "王小明老师完成了通用学习设计的全部微证书课程";
        var lines = Layout.Wrap(Text, Style, 50);

        Assert.True(lines.Count >= 4);
        Assert.All(lines, line => Assert.True(line.Width <= 50));
        Assert.Equal(Text, string.Concat(lines.Select(l => l.Text)));
    }

    [Fact]
    public void A_right_to_left_paragraph_wraps_in_reading_order_and_each_line_is_right_to_left()
    {
        const string Text = "حصل المعلم محمد عبد الله على شارة التصميم الشامل للتعلم بعد تقديم الأدلة";
        var lines = Layout.Wrap(Text, Style, 90);

        Assert.True(lines.Count > 1);
        Assert.StartsWith(lines[0].Text, Text); // the first words read come first
        Assert.All(lines, line => Assert.True(line.RightToLeft));
        Assert.Equal(Text, string.Join(" ", lines.Select(l => l.Text)));
    }

    [Fact]
    public void A_line_break_in_the_text_starts_a_new_line_and_an_empty_text_is_one_empty_line()
    {
        Assert.Equal(["First", "Second"], Layout.Wrap("First\nSecond", Style, 300).Select(l => l.Text));
        var empty = Assert.Single(Layout.Wrap("", Style, 300));
        Assert.Equal(0, empty.Width);
    }

    [Fact]
    public void Lines_of_a_style_share_one_height_whatever_script_they_hold()
    {
        var heights = Names.All.Select(name => Layout.Line(name, Style).Height).Distinct().ToList();
        Assert.Single(heights);
        Assert.InRange(heights[0], 12, 15); // about 1.36 em at 10 points
    }
}
