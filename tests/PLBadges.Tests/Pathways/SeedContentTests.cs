using PLBadges.Pathways.Content;

namespace PLBadges.Tests.Pathways;

/// <summary>Reads small seed folders written by each test, and the real seed-content of the repository.</summary>
public sealed class SeedContentTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("plbadges-seed-").FullName;

    private const string Resources = """
        - slug: res-one
          title: "Resource one"
          summary: "A guide."
          url: "https://www.cast.org"
          type: guide
          focusArea: Universal Design for Learning
          gradeBands: [K-2, 3-5]
          tags: [udl, Planning]
          minutes: 20
        """;

    private const string Pathway = """
        ---
        slug: test-pathway
        title: Test Pathway
        focusArea: Testing
        color: "#1d4ed8"
        icon: prism
        summary: A pathway for tests.
        microCredentials:
          - test-credential
        capstone:
          title: Test Practitioner
          description: Earned by passing everything.
        ---
        The pathway's body.
        """;

    private static string Credential(string extraFrontMatter = "", string body = "Background **here**.", string parts = DefaultParts) => $"""
        ---
        slug: test-credential
        title: Test Credential
        estimatedHours: 12.5
        competency: The educator tests.
        keyMethod: Testing with care.
        methodComponents:
          - title: One
            description: The first component.
        resources: [res-one]
        {extraFrontMatter}
        submission:
        {parts}
        ---
        {body}
        """;

    private const string DefaultParts = """
          - part: overview
            title: Overview questions
            minutes: 20
            prompts: ["What do you test?"]
            rubric: [ { criterion: "Names the test", met: "The test is named and explained." } ]
          - part: artifacts
            title: Artifacts
            minutes: 30
            prompts: ["Upload a test plan."]
            rubric: [ { criterion: "Plan", met: "The plan shows steps." } ]
          - part: reflection
            title: Reflection
            minutes: 15
            prompts: ["What changed?"]
            rubric: [ { criterion: "Impact", met: "Describes a change in student work." } ]
        """;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_well_formed_folder_reads_into_pathways_credentials_and_resources()
    {
        Write(Pathway, Credential());
        var library = SeedContent.Read(root);
        var pathway = Assert.Single(library.Pathways);
        Assert.Equal("test-pathway", pathway.Slug);
        Assert.Equal("The pathway's body.", pathway.Body);
        var credential = Assert.Single(pathway.MicroCredentials);
        Assert.Equal(12.5m, credential.Content.EstimatedHours);
        Assert.Equal(["overview", "artifacts", "reflection"], credential.Content.Submission.Select(p => p.Part));
        Assert.Equal("Background **here**.", credential.Content.Body);
        var resource = Assert.Single(library.Resources);
        Assert.Equal(["udl", "planning"], resource.Tags);
    }

    [Fact]
    public void A_yaml_mistake_names_the_file_and_its_line()
    {
        Write(Pathway, Credential(extraFrontMatter: "alignments: [ { framework: \"UDL\", name: \"x\" }\n  bad: : :"));
        var error = Assert.Throws<SeedContentException>(() => SeedContent.Read(root));
        Assert.Matches(@"^pathways/test-pathway/test-credential\.md:\d+: ", error.Message);
        var line = int.Parse(error.Message.Split(':')[1]);
        Assert.InRange(line, 10, 14); // where the broken alignments line is
    }

    [Fact]
    public void Front_matter_that_is_not_closed_is_refused()
    {
        Write(Pathway, "---\nslug: test-credential\ntitle: x\n");
        var error = Assert.Throws<SeedContentException>(() => SeedContent.Read(root));
        Assert.Equal("pathways/test-pathway/test-credential.md:1: the front matter is not closed by a \"---\" line.", error.Message);
    }

    [Fact]
    public void A_missing_part_is_refused_with_the_expected_order()
    {
        var twoParts = string.Join('\n', DefaultParts.Split('\n').Take(10));
        Write(Pathway, Credential(parts: twoParts));
        var error = Assert.Throws<SeedContentException>(() => SeedContent.Read(root));
        Assert.Contains("test-credential.md", error.Message);
        Assert.Contains("submission must have exactly the parts overview, artifacts, reflection", error.Message);
    }

    [Fact]
    public void Raw_html_in_a_body_is_refused()
    {
        Write(Pathway, Credential(body: "Hello <script>alert(1)</script>"));
        var error = Assert.Throws<SeedContentException>(() => SeedContent.Read(root));
        Assert.Contains("raw HTML", error.Message);
    }

    [Fact]
    public void A_resource_that_no_file_defines_is_refused()
    {
        Write(Pathway, Credential().Replace("resources: [res-one]", "resources: [res-missing]"));
        var error = Assert.Throws<SeedContentException>(() => SeedContent.Read(root));
        Assert.Contains("'res-missing'", error.Message);
    }

    [Fact]
    public void A_listed_micro_credential_without_a_file_is_refused()
    {
        Write(Pathway.Replace("  - test-credential", "  - test-credential\n  - ghost-credential"), Credential());
        var error = Assert.Throws<SeedContentException>(() => SeedContent.Read(root));
        Assert.Contains("'ghost-credential'", error.Message);
        Assert.StartsWith("pathways/test-pathway/pathway.md:", error.Message);
    }

    [Theory]
    [InlineData("color: \"#1d4ed8\"", "color: blue", "color must be a hex color")]
    [InlineData("icon: prism", "icon: rocket", "icon must be one of")]
    [InlineData("slug: test-pathway", "slug: Test Pathway", "slug must be lower-case")]
    public void Pathway_fields_are_checked(string good, string bad, string message)
    {
        Write(Pathway.Replace(good, bad), Credential());
        Assert.Contains(message, Assert.Throws<SeedContentException>(() => SeedContent.Read(root)).Message);
    }

    [Fact]
    public void The_shipped_seed_content_reads_whole()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "seed-content");
        var library = SeedContent.Read(folder);
        Assert.Equal(4, library.Pathways.Count);
        Assert.All(library.Pathways, p => Assert.True(p.MicroCredentials.Count >= 4, $"{p.Slug} has {p.MicroCredentials.Count} micro-credentials"));
        Assert.True(library.Resources.Count >= 40, $"{library.Resources.Count} resources");
        Assert.All(library.Pathways.SelectMany(p => p.MicroCredentials), m =>
        {
            Assert.InRange(m.Content.EstimatedHours, 5, 40);
            Assert.True(m.Content.Research.Count > 0, $"{m.Slug} cites no research");
            Assert.All(m.Content.Submission, part => Assert.True(part.Rubric.Count >= 2, $"{m.Slug} {part.Part} has {part.Rubric.Count} criteria"));
            Assert.True(m.Content.Body.Length > 800, $"{m.Slug}'s background is {m.Content.Body.Length} characters");
        });
    }

    private void Write(string pathway, string credential)
    {
        var folder = Path.Combine(root, "pathways", "test-pathway");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(root, "resources"));
        File.WriteAllText(Path.Combine(root, "resources", "test.yml"), Resources);
        File.WriteAllText(Path.Combine(folder, "pathway.md"), pathway);
        File.WriteAllText(Path.Combine(folder, "test-credential.md"), credential);
    }
}
