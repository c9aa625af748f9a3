namespace PLBadges.BadModule.Contracts;

/// <summary>Breaks rule 4: a plain mutable class in a Contracts namespace (not an interface, record or enum).</summary>
public class BadgeDraft
{
    public string Title { get; set; } = "";

    public List<string> Criteria { get; set; } = [];
}
