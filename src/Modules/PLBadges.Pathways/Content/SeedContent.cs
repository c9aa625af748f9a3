using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

using PLBadges.Abstractions.Values;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Content;

/// <summary>A pathway as the seed files give it, with its micro-credentials in order.</summary>
internal sealed record SeedPathway(
    string Slug, string Title, string FocusArea, string Color, string Icon, string Summary, string Body,
    string CapstoneTitle, string CapstoneDescription, IReadOnlyList<SeedMicroCredential> MicroCredentials);

internal sealed record SeedMicroCredential(string Slug, MicroCredentialContent Content, string File);

internal sealed record SeedResource(string Slug, string Title, string Summary, string Url, string Type, string FocusArea, IReadOnlyList<string> GradeBands, IReadOnlyList<string> Tags, int Minutes);

internal sealed record SeedLibrary(IReadOnlyList<SeedPathway> Pathways, IReadOnlyList<SeedResource> Resources);

/// <summary>A mistake in a seed file, named by file and line.</summary>
public sealed class SeedContentException(string message) : Exception(message);

/// <summary>
/// Reads seed-content/: pathways/*/pathway.md with their micro-credential files, and resources/*.yml.
/// Markdown files start with YAML front matter between "---" lines. Every error names the file and line.
/// </summary>
internal static partial class SeedContent
{
    public static readonly string[] Icons = ["routine", "prism", "tiers", "megaphone"];
    public static readonly string[] ResourceTypes = ["article", "video", "guide", "tool", "podcast", "course", "research", "template"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static SeedLibrary Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SeedContentException($"{folder}: the seed content folder does not exist.");
        }

        var resources = new List<SeedResource>();
        var resourceFolder = Path.Combine(folder, "resources");
        if (Directory.Exists(resourceFolder))
        {
            foreach (var file in Directory.GetFiles(resourceFolder, "*.yml").Order(StringComparer.Ordinal))
            {
                resources.AddRange(ReadResources(file, folder));
            }
        }

        var duplicate = resources.GroupBy(r => r.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
        {
            throw new SeedContentException($"resources: the slug '{duplicate.Key}' is used by more than one resource.");
        }

        var pathways = new List<SeedPathway>();
        var pathwayFolder = Path.Combine(folder, "pathways");
        if (Directory.Exists(pathwayFolder))
        {
            foreach (var directory in Directory.GetDirectories(pathwayFolder).Order(StringComparer.Ordinal))
            {
                pathways.Add(ReadPathway(directory, folder, resources.Select(r => r.Slug).ToHashSet()));
            }
        }

        return new SeedLibrary(pathways, resources);
    }

    public static SeedPathway ReadPathway(string directory, string root, IReadOnlySet<string> resourceSlugs)
    {
        var file = Path.Combine(directory, "pathway.md");
        var name = Relative(file, root);
        if (!File.Exists(file))
        {
            throw new SeedContentException($"{Relative(directory, root)}: has no pathway.md.");
        }

        var (front, body, line) = SplitFrontMatter(File.ReadAllText(file), name);
        var dto = Deserialize<PathwayFile>(front, name, line);
        Check(IsSlug(dto.Slug), name, line, "slug must be lower-case letters, digits and dashes");
        Check(!string.IsNullOrWhiteSpace(dto.Title), name, line, "title is required");
        Check(ColorPattern().IsMatch(dto.Color ?? ""), name, line, "color must be a hex color such as \"#1d4ed8\"");
        Check(Icons.Contains(dto.Icon), name, line, $"icon must be one of {string.Join(", ", Icons)}");
        Check(dto.MicroCredentials is { Count: > 0 }, name, line, "microCredentials must list at least one micro-credential");
        Check(!string.IsNullOrWhiteSpace(dto.Capstone?.Title), name, line, "capstone.title is required");

        var credentials = new List<SeedMicroCredential>();
        foreach (var slug in dto.MicroCredentials!)
        {
            var credentialFile = Path.Combine(directory, slug + ".md");
            Check(File.Exists(credentialFile), name, line, $"microCredentials lists '{slug}', but {Relative(credentialFile, root)} does not exist");
            credentials.Add(ReadMicroCredential(credentialFile, root, resourceSlugs));
        }

        return new SeedPathway(dto.Slug!, dto.Title!.Trim(), dto.FocusArea?.Trim() ?? dto.Title!.Trim(), dto.Color!, dto.Icon!, dto.Summary?.Trim() ?? "", body.Trim(),
            dto.Capstone!.Title!.Trim(), dto.Capstone.Description?.Trim() ?? "", credentials);
    }

    public static SeedMicroCredential ReadMicroCredential(string file, string root, IReadOnlySet<string> resourceSlugs)
    {
        var name = Relative(file, root);
        var (dto, content) = ParseMicroCredential(File.ReadAllText(file), name, resourceSlugs);
        Check(Path.GetFileNameWithoutExtension(file) == dto.Slug, name, 2, $"slug '{dto.Slug}' differs from the file name");
        return new SeedMicroCredential(dto.Slug!, content, name);
    }

    /// <summary>A micro-credential's whole text (front matter and body), checked as the seed files are; errors name the line.</summary>
    public static (MicroCredentialFile File, MicroCredentialContent Content) ParseMicroCredential(string text, string name, IReadOnlySet<string> resourceSlugs)
    {
        var (front, body, line) = SplitFrontMatter(text, name);
        var dto = Deserialize<MicroCredentialFile>(front, name, line);
        var content = ToContent(dto, body, name, line);
        foreach (var resource in content.Resources)
        {
            Check(resourceSlugs.Contains(resource), name, line, $"resources lists '{resource}', which is not in the resource bank");
        }

        return (dto, content);
    }

    /// <summary>Checks and converts a micro-credential's front matter; shared with authoring, which edits the same YAML.</summary>
    public static MicroCredentialContent ToContent(MicroCredentialFile dto, string body, string name, int line)
    {
        Check(IsSlug(dto.Slug), name, line, "slug must be lower-case letters, digits and dashes");
        Check(!string.IsNullOrWhiteSpace(dto.Title), name, line, "title is required");
        Check(dto.EstimatedHours is > 0 and <= 200, name, line, "estimatedHours must be a number of hours above 0");
        Check(!string.IsNullOrWhiteSpace(dto.Competency), name, line, "competency is required");
        Check(!string.IsNullOrWhiteSpace(dto.KeyMethod), name, line, "keyMethod is required");
        Check(dto.MethodComponents is { Count: > 0 }, name, line, "methodComponents needs at least one component");
        var parts = dto.Submission ?? [];
        Check(parts.Select(p => p.Part).SequenceEqual(SubmissionParts.InOrder), name, line,
            $"submission must have exactly the parts {string.Join(", ", SubmissionParts.InOrder)}, in that order");
        foreach (var part in parts)
        {
            Check(!string.IsNullOrWhiteSpace(part.Title), name, line, $"submission part '{part.Part}' needs a title");
            Check(part.Minutes is > 0 and <= 600, name, line, $"submission part '{part.Part}' needs minutes above 0");
            Check(part.Prompts is { Count: > 0 } && part.Prompts.All(p => !string.IsNullOrWhiteSpace(p)), name, line, $"submission part '{part.Part}' needs at least one prompt");
            Check(part.Rubric is { Count: > 0 } && part.Rubric.All(r => !string.IsNullOrWhiteSpace(r.Criterion) && !string.IsNullOrWhiteSpace(r.Met)), name, line,
                $"submission part '{part.Part}' needs rubric criteria, each with 'criterion' and 'met'");
        }

        foreach (var (alignment, i) in (dto.Alignments ?? []).Select((a, i) => (a, i + 1)))
        {
            Check(!string.IsNullOrWhiteSpace(alignment.Framework) && !string.IsNullOrWhiteSpace(alignment.Name), name, line, $"alignment {i} needs a framework and a name");
            Check(alignment.Url == null || IsWebAddress(alignment.Url), name, line, $"alignment {i}'s url must be a web address starting with https:// or http://");
        }

        var thisYear = DateTime.UtcNow.Year;
        foreach (var (source, i) in (dto.Research ?? []).Select((r, i) => (r, i + 1)))
        {
            Check(!string.IsNullOrWhiteSpace(source.Author) && !string.IsNullOrWhiteSpace(source.Title), name, line, $"research source {i} needs an author and a title");
            Check(source.Url == null || IsWebAddress(source.Url), name, line, $"research source {i}'s url must be a web address starting with https:// or http://");
            Check(FieldRanges.CheckPublicationYear(source.Year, thisYear) == null, name, line, $"research source {i}'s year must be from {FieldRanges.FirstPublicationYear} to {thisYear}");
        }

        Check(!HasRawHtml(body), name, line, "the body contains raw HTML; write Markdown only");
        return new MicroCredentialContent
        {
            Title = dto.Title!.Trim(),
            EstimatedHours = dto.EstimatedHours!.Value,
            Competency = dto.Competency!.Trim(),
            KeyMethod = dto.KeyMethod!.Trim(),
            MethodComponents = dto.MethodComponents!.Select(c => new MethodComponent(c.Title?.Trim() ?? "", c.Description?.Trim() ?? "")).ToList(),
            Alignments = (dto.Alignments ?? []).Select(a => new Alignment(a.Framework!.Trim(), a.Name!.Trim(), Blank(a.Code), Blank(a.Url))).ToList(),
            Research = (dto.Research ?? []).Select(r => new ResearchSource(r.Author!.Trim(), r.Title!.Trim(), r.Year, Blank(r.Url))).ToList(),
            Resources = dto.Resources ?? [],
            Submission = parts.Select(p => new SubmissionPart(p.Part!, p.Title!.Trim(), p.Minutes!.Value,
                p.Prompts!.Select(x => x.Trim()).ToList(),
                p.Rubric!.Select(r => new RubricCriterion(r.Criterion!.Trim(), r.Met!.Trim())).ToList())).ToList(),
            Body = body.Trim(),
        };
    }

    public static List<SeedResource> ReadResources(string file, string root)
    {
        var name = Relative(file, root);
        var list = Deserialize<List<ResourceFile>>(File.ReadAllText(file), name, 1) ?? [];
        var resources = new List<SeedResource>();
        var index = 0;
        foreach (var r in list)
        {
            index++;
            var where = $"resource {index} ('{r.Slug}')";
            Check(IsSlug(r.Slug), name, 1, $"{where}: slug must be lower-case letters, digits and dashes");
            Check(!string.IsNullOrWhiteSpace(r.Title), name, 1, $"{where}: title is required");
            Check(IsWebAddress(r.Url), name, 1, $"{where}: url must be an http(s) address");
            Check(ResourceTypes.Contains(r.Type), name, 1, $"{where}: type must be one of {string.Join(", ", ResourceTypes)}");
            Check(r.Minutes is > 0 and <= 6000, name, 1, $"{where}: minutes must be above 0");
            resources.Add(new SeedResource(r.Slug!, r.Title!.Trim(), r.Summary?.Trim() ?? "", r.Url!, r.Type!, r.FocusArea?.Trim() ?? "",
                r.GradeBands ?? [], (r.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList(), r.Minutes!.Value));
        }

        return resources;
    }

    /// <summary>Splits "---\nyaml\n---\nbody"; returns the YAML, the body and the line the YAML starts on.</summary>
    public static (string FrontMatter, string Body, int Line) SplitFrontMatter(string text, string name)
    {
        var normalized = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        if (!normalized.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new SeedContentException($"{name}:1: the file must start with a front matter block between \"---\" lines.");
        }

        var end = normalized.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new SeedContentException($"{name}:1: the front matter is not closed by a \"---\" line.");
        }

        var front = normalized[4..(end + 1)];
        var afterClose = normalized.IndexOf('\n', end + 1);
        var body = afterClose < 0 ? "" : normalized[(afterClose + 1)..];
        return (front, body, 2);
    }

    private static T Deserialize<T>(string yaml, string name, int firstLine)
    {
        try
        {
            return Yaml.Deserialize<T>(yaml);
        }
        catch (YamlException ex)
        {
            var line = ex.Start.Line + firstLine - 1;
            var message = ex.InnerException?.Message ?? ex.Message;
            throw new SeedContentException($"{name}:{line}: {message}");
        }
    }

    private static void Check(bool condition, string name, int line, string message)
    {
        if (!condition)
        {
            throw new SeedContentException($"{name}:{line}: {message}.");
        }
    }

    public static bool IsSlug(string? slug) => slug != null && SlugPattern().IsMatch(slug);

    /// <summary>
    /// Links authors write go into pages and signed credentials, so only web addresses: https or
    /// http, never javascript:, data: or file: (at most 500 characters).
    /// </summary>
    public static bool IsWebAddress(string? url) =>
        url != null && url.Trim().Length <= 500 && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static bool HasRawHtml(string markdown) => RawHtmlPattern().IsMatch(markdown);

    private static string Relative(string path, string root) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?>")]
    private static partial Regex RawHtmlPattern();

    // The shapes of the YAML, read by YamlDotNet (settable properties, camelCase keys).
    public sealed class PathwayFile
    {
        public string? Slug { get; set; }

        public string? Title { get; set; }

        public string? FocusArea { get; set; }

        public string? Color { get; set; }

        public string? Icon { get; set; }

        public string? Summary { get; set; }

        public List<string>? MicroCredentials { get; set; }

        public CapstoneFile? Capstone { get; set; }
    }

    public sealed class CapstoneFile
    {
        public string? Title { get; set; }

        public string? Description { get; set; }
    }

    public sealed class MicroCredentialFile
    {
        public string? Slug { get; set; }

        public string? Title { get; set; }

        public decimal? EstimatedHours { get; set; }

        public string? Competency { get; set; }

        public string? KeyMethod { get; set; }

        public List<ComponentFile>? MethodComponents { get; set; }

        public List<AlignmentFile>? Alignments { get; set; }

        public List<ResearchFile>? Research { get; set; }

        public List<string>? Resources { get; set; }

        public List<PartFile>? Submission { get; set; }
    }

    public sealed class ComponentFile
    {
        public string? Title { get; set; }

        public string? Description { get; set; }
    }

    public sealed class AlignmentFile
    {
        public string? Framework { get; set; }

        public string? Name { get; set; }

        public string? Code { get; set; }

        public string? Url { get; set; }
    }

    public sealed class ResearchFile
    {
        public string? Author { get; set; }

        public string? Title { get; set; }

        public int? Year { get; set; }

        public string? Url { get; set; }
    }

    public sealed class PartFile
    {
        public string? Part { get; set; }

        public string? Title { get; set; }

        public int? Minutes { get; set; }

        public List<string>? Prompts { get; set; }

        public List<CriterionFile>? Rubric { get; set; }
    }

    public sealed class CriterionFile
    {
        public string? Criterion { get; set; }

        public string? Met { get; set; }
    }

    public sealed class ResourceFile
    {
        public string? Slug { get; set; }

        public string? Title { get; set; }

        public string? Summary { get; set; }

        public string? Url { get; set; }

        public string? Type { get; set; }

        public string? FocusArea { get; set; }

        public List<string>? GradeBands { get; set; }

        public List<string>? Tags { get; set; }

        public int? Minutes { get; set; }
    }
}
