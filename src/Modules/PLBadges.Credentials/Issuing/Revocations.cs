using Microsoft.EntityFrameworkCore;
using System.Globalization;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Status;
using PLBadges.Data;
using PLBadges.Identity.Contracts;

namespace PLBadges.Credentials.Issuing;


/// <summary>
/// Revoking a credential (with a reason) and undoing a mistaken revocation: only the issuing
/// district's admins may. The credential and its status list change in one transaction, with the
/// email and the in-site notice that tell the educator why and what she can do.
/// </summary>
public sealed class Revocations(PLBadgesDbContext db, IAccessControl access, StatusLists statusLists, IEmailOutbox mail, IInbox inbox, IPeopleDirectory people, IssuerNames issuers, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task RevokeAsync(string credentialId, string? reason, CancellationToken cancellationToken)
    {
        var credential = await ManagedAsync(credentialId, cancellationToken);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new RuleException("Give the reason for revoking: it is shown to anyone who checks the credential.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new RuleException($"The reason can be at most {MaxReasonLength} characters.");
        }

        if (credential.RevokedAt != null)
        {
            throw new RuleException("This credential is already revoked.");
        }

        credential.RevokedAt = clock.GetUtcNow().UtcDateTime;
        credential.RevocationReason = reason;
        credential.RevokedBy = access.PersonId;
        await statusLists.TouchAsync(credential.StatusListId, cancellationToken);
        await TellAsync(credential, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        statusLists.Forget(credential.StatusListId);
    }

    public async Task RestoreAsync(string credentialId, CancellationToken cancellationToken)
    {
        var credential = await ManagedAsync(credentialId, cancellationToken);
        if (credential.RevokedAt == null)
        {
            throw new RuleException("This credential is not revoked.");
        }

        credential.RevokedAt = null;
        credential.RevocationReason = null;
        credential.RevokedBy = null;
        await statusLists.TouchAsync(credential.StatusListId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        statusLists.Forget(credential.StatusListId);
    }

    /// <summary>Tells the educator, by email and in the site, that her badge was revoked, why, and what she can do.</summary>
    private async Task TellAsync(IssuedCredential credential, CancellationToken cancellationToken)
    {
        var href = EarnedBadges.OwnerHref(credential.Id);
        var key = $"credentials.revoked:{credential.Id}:{credential.RevokedAt!.Value.Ticks}";
        await inbox.AddAsync(credential.RecipientId, $"Your badge {credential.Name} was revoked. Reason: {credential.RevocationReason}", href, key, cancellationToken);
        if ((await people.GetAsync([credential.RecipientId], cancellationToken)).FirstOrDefault() is { IsActive: true } person)
        {
            await mail.QueueAsync(CredentialEmails.Revoked, person.Email, new Dictionary<string, object?>
            {
                ["name"] = person.DisplayName,
                ["badge"] = credential.Name,
                ["issuer"] = await issuers.NameAsync(credential.IssuerId, cancellationToken) ?? "Your district",
                ["date"] = credential.RevokedAt.Value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                ["reason"] = credential.RevocationReason,
                ["path"] = href,
            }, credential.IssuerId, key, cancellationToken);
        }
    }

    /// <summary>The credential, when the signed-in person manages its issuer; anyone else is told it does not exist.</summary>
    private async Task<IssuedCredential> ManagedAsync(string credentialId, CancellationToken cancellationToken)
    {
        var credential = await db.Set<IssuedCredential>().FirstOrDefaultAsync(c => c.Id == credentialId, cancellationToken);
        if (credential == null || !await access.HasAsync(CredentialPermissions.Manage, credential.IssuerId, cancellationToken))
        {
            throw new RuleException("No such credential among those you manage.");
        }

        return credential;
    }
}
