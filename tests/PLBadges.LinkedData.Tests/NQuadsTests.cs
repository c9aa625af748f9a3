using PLBadges.LinkedData.Rdf;

namespace PLBadges.LinkedData.Tests;

public sealed class NQuadsTests
{
    [Fact]
    public void Reading_then_writing_gives_the_canonical_form()
    {
        const string input = "# a comment\n<http://example.org/s>\t<http://example.org/p>   \"a\\tb\\u0041\\U0001F600\\\"\\\\\\n\\u007F\\u0001\"@EN-us <http://example.org/g> . # trailing\r\n\n" +
                             "_:b0 <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" +
                             "_:b0 <http://example.org/p> \"plain\"^^<http://www.w3.org/2001/XMLSchema#string> _:g .\n" +
                             "<http://example.org/s> <http://example.org/p> <http://example.org/o\\u0020x> .\n";

        var quads = NQuads.Parse(input);

        Assert.Equal(4, quads.Count);
        Assert.Equal("a\tbA😀\"\\\n\u007F\u0001", quads[0].Object.Value);
        Assert.Equal("EN-us", quads[0].Object.Language);
        Assert.Equal(
            "<http://example.org/s> <http://example.org/p> \"a\\tbA😀\\\"\\\\\\n\\u007F\\u0001\"@EN-us <http://example.org/g> .\n" +
            "_:b0 <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" +
            "_:b0 <http://example.org/p> \"plain\" _:g .\n" +
            "<http://example.org/s> <http://example.org/p> <http://example.org/o\\u0020x> .\n",
            NQuads.Write(quads));
    }

    [Fact]
    public void A_repeated_statement_is_read_once()
    {
        Assert.Single(NQuads.Parse("<http://e.org/s> <http://e.org/p> \"x\" .\n<http://e.org/s> <http://e.org/p> \"x\" .\n"));
    }

    [Theory]
    [InlineData("<http://e.org/s> <http://e.org/p> \"x\"", 1, "'.'")]
    [InlineData("\n\n<relative> <http://e.org/p> \"x\" .", 3, "absolute")]
    [InlineData("<http://e.org/s> _:p \"x\" .", 1, "predicate")]
    [InlineData("<http://e.org/s> <http://e.org/p> \"x\\q\" .", 1, "escape")]
    [InlineData("<http://e.org/s> <http://e.org/p> \"x\" . <http://e.org/s> <http://e.org/p> \"y\" .", 1, "one statement")]
    public void Malformed_input_is_refused_with_its_line(string input, int line, string reason)
    {
        var error = Assert.Throws<NQuadsSyntaxException>(() => NQuads.Parse(input));

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
