using Microsoft.EntityFrameworkCore;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;

namespace PLBadges.Recognition.Programmes;

/// <summary>The issuers the site's states trust, by the name a state's reviewer gave them, for verification to show.</summary>
internal sealed class TrustedIssuerNames(PLBadgesDbContext db) : ITrustedIssuers
{
    public async Task<string?> NameAsync(string issuerUrl, CancellationToken cancellationToken = default) =>
        issuerUrl.Length is > 0 and <= 500
            ? await db.Set<TrustedIssuer>().AsNoTracking().Where(t => t.IssuerUrl == issuerUrl).OrderBy(t => t.AddedAt).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
}
