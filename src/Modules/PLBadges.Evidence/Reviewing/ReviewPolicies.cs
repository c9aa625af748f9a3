using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PLBadges.Data;

namespace PLBadges.Evidence.Reviewing;

/// <summary>A district's review rules, or the defaults when it has set none.</summary>
public sealed class ReviewPolicies(PLBadgesDbContext db)
{
    internal async Task<ReviewPolicy> ForAsync(Guid districtId, CancellationToken cancellationToken) =>
        await db.Set<ReviewPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.DistrictId == districtId, cancellationToken)
        ?? new ReviewPolicy { DistrictId = districtId };

    /// <summary>
    /// Does this attempt need a second, independent review? Always for the micro-credentials the
    /// district names; otherwise for a fixed share, drawn from the submission and attempt so that
    /// asking twice gives the same answer.
    /// </summary>
    internal static bool NeedsSecondReview(ReviewPolicy policy, Guid microCredentialId, Guid submissionId, int attempt)
    {
        if (policy.SecondReviewMicroCredentials.Contains(microCredentialId))
        {
            return true;
        }

        if (policy.SecondReviewPercent <= 0)
        {
            return false;
        }

        Span<byte> input = stackalloc byte[20];
        submissionId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], attempt);
        var hash = SHA256.HashData(input);
        return BitConverter.ToUInt32(hash, 0) % 100 < policy.SecondReviewPercent;
    }
}
