namespace PLBadges.LinkedData.Canonicalization;

/// <summary>Issues prefix0, prefix1, … to blank node labels in the order asked (RDFC-1.0, 4.5), remembering that order.</summary>
internal sealed class IdentifierIssuer
{
    private readonly string prefix;
    private readonly Dictionary<string, string> issued;
    private readonly List<string> order;

    public IdentifierIssuer(string prefix)
    {
        this.prefix = prefix;
        issued = new Dictionary<string, string>(StringComparer.Ordinal);
        order = [];
    }

    private IdentifierIssuer(IdentifierIssuer source)
    {
        prefix = source.prefix;
        issued = new Dictionary<string, string>(source.issued, StringComparer.Ordinal);
        order = [.. source.order];
    }

    public IdentifierIssuer Clone() => new(this);

    public string Issue(string label)
    {
        if (!issued.TryGetValue(label, out var identifier))
        {
            identifier = prefix + order.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            issued[label] = identifier;
            order.Add(label);
        }
        return identifier;
    }

    public bool TryGet(string label, out string identifier) => issued.TryGetValue(label, out identifier!);

    public bool HasIssued(string label) => issued.ContainsKey(label);

    /// <summary>The labels that have identifiers, in the order they were issued.</summary>
    public IReadOnlyList<string> IssuedLabels => order;

    public IReadOnlyDictionary<string, string> Issued => issued;
}
