using PLBadges.Identity.Roster;

namespace PLBadges.BadModule.Roster;

/// <summary>Breaks rule 1: calls Identity's roster import directly instead of going through Identity.Contracts.</summary>
public sealed class RosterShortcut(RosterImport import)
{
    public async Task<int> AddedCountAsync(Guid districtId, Stream csv, CancellationToken cancellationToken)
    {
        var package = await import.ReadAsync(csv, cancellationToken);
        var plan = await import.ImportAsync(districtId, package, invite: false, actorId: null, "a shortcut", cancellationToken);
        return plan.Count(RosterChange.Added);
    }
}
