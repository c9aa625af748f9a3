using System.Text.RegularExpressions;
using System.Xml.Linq;
using PLBadges.Pathways.Badges;
using PLBadges.Typesetting;

namespace PLBadges.Tests.Pathways;

public sealed class BadgeImageTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The ribbon the title sits on is 204 units wide; a line must fit inside it with a little margin.</summary>
    private const float RibbonInside = 196;

    [Fact]
    public void A_long_title_is_wrapped_to_three_readable_lines_with_an_ellipsis_and_the_full_title_in_the_text_alternative()
    {
        const string Title = "Explicit Instruction of Self-Advocacy Skills: Teaching Students to Ask for the Accommodations They Need";
        var svg = XDocument.Parse(BadgeImage.Svg(Title, "Micro-credential", "#0b4f6c", "megaphone"));

        var lines = svg.Descendants(Svg + "text").ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, line => Assert.True(int.Parse(line.Attribute("font-size")!.Value) >= 14, $"Type smaller than 14 units: {line}"));
        Assert.All(lines, line => Assert.True(
            TextLayout.Shipped.Measure(line.Value, new TextStyle(BadgeImage.TitleFontSize, FontWeight.Bold)) <= RibbonInside,
            $"\"{line.Value}\" is wider than the ribbon."));
        Assert.EndsWith("…", lines[^1].Value);
        Assert.Equal(["Explicit", "Instruction of"], lines.Take(2).Select(l => l.Value));
        Assert.Equal("Micro-credential badge: " + Title, svg.Root!.Element(Svg + "title")!.Value);
        Assert.Contains(Title, svg.Root.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void A_word_longer_than_a_line_is_broken_with_a_hyphen_and_a_short_title_is_drawn_whole()
    {
        var broken = BadgeImage.TitleOnBadge("Supercalifragilisticexpialidocious routines");
        Assert.All(broken, line => Assert.True(line.Length <= BadgeImage.TitleLineLength, line));
        Assert.EndsWith("-", broken[0]);
        Assert.Equal("Supercalifragilisticexpialidocious routines", Regex.Replace(string.Join(" ", broken), "- ", ""));

        Assert.Equal(["Classroom Routines", "and Visual", "Schedules"], BadgeImage.TitleOnBadge("Classroom Routines and Visual Schedules"));
        Assert.Equal(["Exit Tickets"], BadgeImage.TitleOnBadge("Exit Tickets"));
    }
}
