namespace PLBadges.Pathways.Content;

/// <summary>The three parts of every submission, in the order a teacher works through them.</summary>
internal static class SubmissionParts
{
    public const string Overview = "overview";
    public const string Artifacts = "artifacts";
    public const string Reflection = "reflection";

    public static readonly string[] InOrder = [Overview, Artifacts, Reflection];
}
