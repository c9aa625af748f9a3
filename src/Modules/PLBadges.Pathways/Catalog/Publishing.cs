using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Pathways.Content;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Catalog;

/// <summary>Content that would make invalid credentials, with what is wrong in the author's words.</summary>
public sealed class PublishingRefusedException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Makes content the version teachers start. Publishing content equal to the current version changes
/// nothing; different content becomes the next version number, and earlier versions stay as they were.
/// Content is published only when the credentials issued for it would be valid: the module that
/// issues them says so through <see cref="IAchievementPublishingCheck"/> (when it is there).
/// </summary>
public sealed class Publishing(PLBadgesDbContext db, TimeProvider clock, IEnumerable<IAchievementPublishingCheck> checks)
{
    /// <summary>What would be wrong with credentials issued for the content; empty when nothing.</summary>
    public IReadOnlyList<string> Problems(string slug, MicroCredentialContent content) => checks.SelectMany(c => c.Problems(slug, content)).ToList();

    /// <returns>True when a new version was published.</returns>
    /// <exception cref="PublishingRefusedException">Credentials issued for the content would not be valid.</exception>
    internal async Task<bool> PublishAsync(MicroCredential credential, MicroCredentialContent content, Guid? by, CancellationToken cancellationToken)
    {
        if (Problems(credential.Slug, content) is { Count: > 0 } problems)
        {
            throw new PublishingRefusedException(problems);
        }

        var hash = ContentJson.Hash(content);
        var credentialId = credential.Id;
        var versions = await db.Set<MicroCredentialVersion>().Where(v => v.MicroCredentialId == credentialId).ToListAsync(cancellationToken);
        versions.AddRange(db.Set<MicroCredentialVersion>().Local.Where(v => v.MicroCredentialId == credentialId && !versions.Contains(v)));
        var current = versions.FirstOrDefault(v => v.Number == credential.PublishedVersion);
        if (current != null && current.ContentHash == hash && credential.Status == ContentStatus.Published)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var version = new MicroCredentialVersion
        {
            MicroCredentialId = credential.Id,
            Number = versions.Count == 0 ? 1 : versions.Max(v => v.Number) + 1,
            Title = content.Title,
            EstimatedHours = content.EstimatedHours,
            ContentJson = ContentJson.Serialize(content),
            ContentHash = hash,
            CreatedAt = now,
            PublishedAt = now,
            PublishedBy = by,
        };
        db.Set<MicroCredentialVersion>().Add(version);
        credential.PublishedVersion = version.Number;
        credential.Status = ContentStatus.Published;
        credential.UpdatedAt = now;
        return true;
    }
}
