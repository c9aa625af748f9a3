using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Roster;

namespace PLBadges.Identity.People;

/// <summary>
/// Invitations to join a district, for people whose account exists already: offered by the invite
/// form and by rosters, accepted or declined by the person. Accepting is what gives the district
/// their roles; until then they count nowhere in its figures.
/// </summary>
public sealed class DistrictInvitations(PLBadgesDbContext db, Invitations emails, DistrictLog log, TimeProvider clock)
{
    /// <summary>Offers a role (added to a pending invitation, if there is one) and emails the person when the offer is new.</summary>
    public async Task OfferAsync(Guid districtId, string districtName, Guid personId, string email, string name, Guid organizationId, Role role, Guid? actorId, CancellationToken cancellationToken)
    {
        var pending = await db.Set<DistrictInvitation>().FirstOrDefaultAsync(i => i.DistrictId == districtId && i.PersonId == personId && i.AcceptedAt == null, cancellationToken);
        if (pending == null)
        {
            pending = new DistrictInvitation { DistrictId = districtId, PersonId = personId, Email = email, Name = name, Roles = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(pending);
        }
        else if (pending.OfferedRoles().Contains((organizationId, role)))
        {
            return;
        }

        pending.Roles = DistrictInvitation.WriteRoles(pending.OfferedRoles().Append((organizationId, role)));
        await emails.InviteToDistrictAsync(email, name, districtName, districtId, cancellationToken);
        log.Add(districtId, "invitation", $"Invited {name} ({email}), who has an account already.", personId, actorId);
    }

    internal async Task<IReadOnlyList<DistrictInvitation>> PendingForAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.Set<DistrictInvitation>().AsNoTracking().Where(i => i.PersonId == personId && i.AcceptedAt == null).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);

    internal async Task<IReadOnlyList<DistrictInvitation>> PendingInAsync(Guid districtId, CancellationToken cancellationToken) =>
        await db.Set<DistrictInvitation>().AsNoTracking().Where(i => i.DistrictId == districtId && i.AcceptedAt == null).OrderBy(i => i.Name).ToListAsync(cancellationToken);

    /// <summary>The person accepts: they get the roles offered (and the roster's link, if a roster invited them).</summary>
    public Task AcceptAsync(Guid personId, Guid invitationId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var invitation = await db.Set<DistrictInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId && i.PersonId == personId && i.AcceptedAt == null, ct)
                ?? throw new RuleException("This invitation is no longer open.");
            var now = clock.GetUtcNow().UtcDateTime;
            invitation.AcceptedAt = now;
            var held = await db.Set<Membership>().Where(m => m.PersonId == personId).Select(m => new { m.OrganizationId, m.Role }).ToListAsync(ct);
            foreach (var (organizationId, role) in invitation.OfferedRoles().Where(r => !held.Any(h => h.OrganizationId == r.OrganizationId && h.Role == r.Role)))
            {
                db.Add(new Membership { PersonId = personId, OrganizationId = organizationId, Role = role, FromRoster = invitation.FromRoster, CreatedAt = now });
            }

            if (invitation.SourcedId != null && !await db.Set<RosterLink>().AnyAsync(l => l.DistrictId == invitation.DistrictId && l.SourcedId == invitation.SourcedId, ct))
            {
                db.Add(new RosterLink { DistrictId = invitation.DistrictId, SourcedId = invitation.SourcedId, PersonId = personId, LinkedAt = now });
            }

            log.Add(invitation.DistrictId, "invitation", $"{invitation.Name} ({invitation.Email}) accepted the invitation.", personId, personId);
        }, cancellationToken);

    public Task DeclineAsync(Guid personId, Guid invitationId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var invitation = await db.Set<DistrictInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId && i.PersonId == personId && i.AcceptedAt == null, ct)
                ?? throw new RuleException("This invitation is no longer open.");
            db.Remove(invitation);
            log.Add(invitation.DistrictId, "invitation", $"{invitation.Name} ({invitation.Email}) declined the invitation.", personId, personId);
        }, cancellationToken);
}
