namespace PLBadges.Evidence.Artifacts;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public const string FileArea = "evidence";

    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    public long MaxSubmissionBytes { get; set; } = 100L * 1024 * 1024;
}
