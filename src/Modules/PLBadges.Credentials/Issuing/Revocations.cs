using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Status;
using PLBadges.Data;

namespace PLBadges.Credentials.Issuing;


/// <summary>
/// Revoking a credential (with a reason) and undoing a mistaken revocation: only the issuing
/// district's admins may. The credential and its status list change in one transaction.
/// </summary>
public sealed class Revocations(PLBadgesDbContext db, IAccessControl access, StatusLists statusLists, TimeProvider clock)
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
