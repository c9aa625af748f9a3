using PLBadges.Pathways.Resources;

namespace PLBadges.Tests.Pathways;

public sealed class ResourceIndexTests
{
    private static ResourceEntry Resource(string title, string summary = "", string type = "article", string focus = "UDL", string[]? grades = null, string[]? tags = null) =>
        new(Guid.NewGuid(), title.ToLowerInvariant().Replace(' ', '-'), null, title, summary, "https://example.org", type, focus, grades ?? ["K-2"], tags ?? [], 10);

    private static readonly ResourceIndex Index = new([
        Resource("Executive Function Activities for Classrooms", "Games that build working memory.", "guide", "Executive functioning", ["K-2", "3-5"], ["working memory", "routines"]),
        Resource("Progress Monitoring with CBM", "Graph weekly probes and apply decision rules.", "course", "MTSS", ["3-5", "6-8"], ["progress monitoring", "data"]),
        Resource("Planning with UDL", "Design lessons with options for executive function from the start.", "guide", "UDL", ["6-8", "9-12"], ["planning"]),
        Resource("Student-Led IEP Meetings", "Students practise leading parts of their meeting.", "video", "Self-advocacy", ["9-12"], ["iep", "self-advocacy"]),
    ]);

    [Fact]
    public void A_match_in_the_title_ranks_above_one_in_the_summary()
    {
        var results = Index.Search(new ResourceQuery("executive function"));
        Assert.Equal(["Executive Function Activities for Classrooms", "Planning with UDL"], results.Items.Select(r => r.Title));
    }

    [Theory]
    [InlineData("exectuive")]   // transposed letters
    [InlineData("executve")]    // a letter missing
    [InlineData("EXECUTIVE")]   // case
    [InlineData("execut")]      // a prefix
    public void Small_typing_mistakes_and_prefixes_still_find_it(string query) =>
        Assert.Contains(Index.Search(new ResourceQuery(query)).Items, r => r.Title.StartsWith("Executive", StringComparison.Ordinal));

    [Fact]
    public void Every_word_must_match_something()
    {
        Assert.Single(Index.Search(new ResourceQuery("progress graph")).Items);
        Assert.Empty(Index.Search(new ResourceQuery("progress zebra")).Items);
    }

    [Fact]
    public void Tags_are_searched()
    {
        var results = Index.Search(new ResourceQuery("iep"));
        Assert.Equal("Student-Led IEP Meetings", Assert.Single(results.Items).Title);
    }

    [Fact]
    public void Filters_narrow_and_facets_count_what_remains()
    {
        var results = Index.Search(new ResourceQuery(Type: "guide"));
        Assert.Equal(2, results.Total);
        Assert.Equal([new Facet("guide", 2)], results.Types);
        Assert.Contains(new Facet("K-2", 1), results.GradeBands);
        Assert.Contains(new Facet("6-8", 1), results.GradeBands);

        var graded = Index.Search(new ResourceQuery(GradeBand: "9-12"));
        Assert.Equal(["Planning with UDL", "Student-Led IEP Meetings"], graded.Items.Select(r => r.Title));
        Assert.Equal("Student-Led IEP Meetings", Assert.Single(Index.Search(new ResourceQuery(Tag: "IEP")).Items).Title);
    }

    [Fact]
    public void An_empty_query_lists_everything_by_title_and_pages()
    {
        var first = Index.Search(new ResourceQuery(PageSize: 3));
        Assert.Equal(4, first.Total);
        Assert.Equal(3, first.Items.Count);
        Assert.Equal("Executive Function Activities for Classrooms", first.Items[0].Title);
        var second = Index.Search(new ResourceQuery(Page: 2, PageSize: 3));
        Assert.Equal("Student-Led IEP Meetings", Assert.Single(second.Items).Title);
    }

    [Theory]
    [InlineData("monitoring", "monitorign", 1, true)]
    [InlineData("monitoring", "monitor", 1, false)]
    [InlineData("kitten", "sitting", 2, false)]
    [InlineData("ca", "ac", 1, true)]
    [InlineData("kitten", "sitting", 3, true)]
    public void Edit_distance_is_bounded(string a, string b, int limit, bool within) => Assert.Equal(within, ResourceIndex.WithinEdits(a, b, limit));
}
