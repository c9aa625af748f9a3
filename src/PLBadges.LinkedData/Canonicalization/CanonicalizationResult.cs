using PLBadges.LinkedData.Rdf;

namespace PLBadges.LinkedData.Canonicalization;

/// <summary>The canonical form of a dataset.</summary>
public sealed class CanonicalizationResult(string nQuads, IReadOnlyList<Quad> quads, IReadOnlyDictionary<string, string> issuedIdentifiers)
{
    /// <summary>The canonical N-Quads: one line per statement, each ending "\n", sorted.</summary>
    public string NQuads { get; } = nQuads;

    /// <summary>The statements with canonical blank node labels, in the order of <see cref="NQuads"/>.</summary>
    public IReadOnlyList<Quad> Quads { get; } = quads;

    /// <summary>Each input blank node label (without "_:") and the canonical label it was given ("c14n0", …).</summary>
    public IReadOnlyDictionary<string, string> IssuedIdentifiers { get; } = issuedIdentifiers;
}
