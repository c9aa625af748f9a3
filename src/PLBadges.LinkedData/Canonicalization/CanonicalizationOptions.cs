using System.Security.Cryptography;

namespace PLBadges.LinkedData.Canonicalization;

/// <summary>How to canonicalize: the hash (RDFC-1.0 allows SHA-256, the default, or SHA-384) and the work limit.</summary>
public sealed record CanonicalizationOptions
{
    public static CanonicalizationOptions Default { get; } = new();

    public HashAlgorithmName HashAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>
    /// The poison guard RDFC-1.0 asks for (section 4.4 and its security considerations): a dataset built so that
    /// Hash N-Degree Quads explodes is refused once the algorithm has been called more than
    /// N^<see cref="MaxWorkFactor"/> times, where N is the number of blank nodes whose first-degree hashes
    /// collide. 1 is rdf-canonize's (and so jsonld.js's) default: a dataset it refuses is refused here too.
    /// </summary>
    public int MaxWorkFactor { get; init; } = 1;

    /// <summary>An explicit limit on Hash N-Degree Quads calls, used instead of <see cref="MaxWorkFactor"/> when set.</summary>
    public long? MaxHashNDegreeQuadsCalls { get; init; }
}

/// <summary>
/// Canonicalization stopped on its work counter (never a timer): the dataset needs more Hash N-Degree Quads calls
/// than allowed, the signature of a poisoned (adversarially symmetric) dataset.
/// </summary>
public sealed class CanonicalizationLimitExceededException(long limit)
    : Exception($"Canonicalization stopped: the dataset needs more than {limit} Hash N-Degree Quads calls, the limit set against poisoned datasets.")
{
    public long Limit { get; } = limit;
}
