using PLBadges.Identity.Roster;

namespace PLBadges.BadModule.Roster;

/// <summary>Breaks rule 1: calls Identity's roster import directly instead of going through Identity.Contracts.</summary>
public sealed class RosterShortcut(RosterImport import)
{
    public async Task<int> CreatedCountAsync(Guid districtId, Stream csv, CancellationToken cancellationToken)
    {
        var report = await import.ImportAsync(districtId, csv, invite: false, cancellationToken);
        return report.Count(RosterOutcome.Created);
    }
}
