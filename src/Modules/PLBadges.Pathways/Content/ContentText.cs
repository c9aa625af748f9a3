using PLBadges.Pathways.Contracts;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PLBadges.Pathways.Content;

/// <summary>A micro-credential as the text an author edits: YAML front matter, then the Markdown body.</summary>
internal static class ContentText
{
    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public static string Write(string slug, MicroCredentialContent content)
    {
        var file = new SeedContent.MicroCredentialFile
        {
            Slug = slug,
            Title = content.Title,
            EstimatedHours = content.EstimatedHours,
            Competency = content.Competency,
            KeyMethod = content.KeyMethod,
            MethodComponents = content.MethodComponents.Select(c => new SeedContent.ComponentFile { Title = c.Title, Description = c.Description }).ToList(),
            Alignments = content.Alignments.Select(a => new SeedContent.AlignmentFile { Framework = a.Framework, Name = a.Name, Code = a.Code, Url = a.Url }).ToList(),
            Research = content.Research.Select(r => new SeedContent.ResearchFile { Author = r.Author, Title = r.Title, Year = r.Year, Url = r.Url }).ToList(),
            Resources = content.Resources.ToList(),
            Submission = content.Submission.Select(p => new SeedContent.PartFile
            {
                Part = p.Part, Title = p.Title, Minutes = p.Minutes, Prompts = p.Prompts.ToList(),
                Rubric = p.Rubric.Select(r => new SeedContent.CriterionFile { Criterion = r.Criterion, Met = r.Met }).ToList(),
            }).ToList(),
        };
        return "---\n" + Yaml.Serialize(file) + "---\n" + content.Body + "\n";
    }
}
