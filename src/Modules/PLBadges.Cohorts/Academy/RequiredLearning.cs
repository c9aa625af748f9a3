namespace PLBadges.Cohorts.Academy;

/// <summary>Who must earn a required micro-credential: every member, or one member of each school's team.</summary>
public enum RequirementScope
{
    EachMember,
    Team,
}

/// <summary>
/// How required learning is counted, for the readiness row and for completion alike: a
/// micro-credential required of each member counts once per member; one required of the team
/// counts once per team and is earned when any member of the team holds it.
/// </summary>
public static class RequiredLearning
{
    public static (int Required, int Earned) OfTeam(IReadOnlyCollection<(Guid MicroCredentialId, RequirementScope Scope)> requirements, IReadOnlyList<IReadOnlySet<Guid>> membersHeld)
    {
        if (membersHeld.Count == 0)
        {
            return (0, 0);
        }

        var each = requirements.Where(r => r.Scope == RequirementScope.EachMember).ToList();
        var team = requirements.Where(r => r.Scope == RequirementScope.Team).ToList();
        return (each.Count * membersHeld.Count + team.Count,
            membersHeld.Sum(held => each.Count(r => held.Contains(r.MicroCredentialId))) + team.Count(r => membersHeld.Any(held => held.Contains(r.MicroCredentialId))));
    }

    /// <summary>What is left for one member: their own unearned requirements, and the team's that no one on their team holds yet.</summary>
    public static IReadOnlyList<Guid> LeftFor(IReadOnlyCollection<(Guid MicroCredentialId, RequirementScope Scope)> requirements, IReadOnlySet<Guid> mine, IEnumerable<IReadOnlySet<Guid>> teammates) =>
        requirements.Where(r => r.Scope == RequirementScope.EachMember ? !mine.Contains(r.MicroCredentialId)
            : !mine.Contains(r.MicroCredentialId) && !teammates.Any(held => held.Contains(r.MicroCredentialId))).Select(r => r.MicroCredentialId).ToList();

    public static string Label(RequirementScope scope) => scope == RequirementScope.Team ? "one member of each team" : "each member";
}
