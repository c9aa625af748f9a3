using PLBadges.Data;

namespace PLBadges.Identity.People;

/// <summary>Writes the district's log of sign-ins, links, invitations and roster imports, in the caller's unit of work.</summary>
public sealed class DistrictLog(PLBadgesDbContext db, TimeProvider clock)
{
    public const int MaxText = 1000;

    public void Add(Guid districtId, string kind, string text, Guid? personId = null, Guid? actorId = null) =>
        db.Add(new DistrictLogEntry
        {
            DistrictId = districtId,
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            Text = text.Length > MaxText ? text[..MaxText] : text,
            PersonId = personId,
            ActorId = actorId,
        });
}
