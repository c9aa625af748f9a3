using PLBadges.Pathways.Content;

namespace PLBadges.Tests.Pathways;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>")]
    public void No_script_reaches_the_page_from_markdown(string markdown)
    {
        // Parsed as a browser would: text that merely shows the words is harmless; live markup is not.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + renderer.ToHtml(markdown) + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "svg" or "form" or "input" or "object" or "embed");
        var attributes = elements.SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name is "href" or "src"
            && !(a.Value.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || a.Value.StartsWith("http:", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var html = renderer.ToHtml("Use <b>bold</b> sparingly.");
        Assert.Contains("&lt;b&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Ordinary_markdown_renders_with_safe_links()
    {
        var html = renderer.ToHtml("## Why it matters\n\nSee [CAST](https://www.cast.org) and **this**.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Contains("<h2", html);
        Assert.Contains("<strong>this</strong>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("href=\"https://www.cast.org\"", html);
        Assert.Contains("rel=\"noopener noreferrer\"", html);
    }

    [Fact]
    public void Empty_markdown_renders_nothing() => Assert.Equal("", renderer.ToHtml("  "));
}
