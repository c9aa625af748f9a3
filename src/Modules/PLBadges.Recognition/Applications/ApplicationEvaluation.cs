using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Applications;

/// <summary>
/// An application read under its version of the rules (<see cref="RecognitionRules"/>), with what has
/// changed since it was made: the units each item earns and why, or what an advancement still misses.
/// </summary>
public sealed class ApplicationEvaluation(PLBadgesDbContext db, ICredentialHoldings holdings, IEndorsements endorsements, IMicroCredentialCatalog catalog)
{
    /// <summary>
    /// Reads the items under the application's version of the rules: renewal units (caps counting what
    /// earlier approved applications of the cycle granted; an item granted before counts nothing), or
    /// whether an advancement is met.
    /// </summary>
    internal async Task EvaluateAsync(RecognitionApplication application, IReadOnlyList<ApplicationItem> items, ProgrammeView view, ProgrammeVersion version, bool refuseUnmet, CancellationToken cancellationToken)
    {
        var earlier = await (from a in db.Set<RecognitionApplication>().AsNoTracking()
                             where a.PersonId == application.PersonId && a.ProgrammeId == application.ProgrammeId && a.Id != application.Id
                                   && a.Status == ApplicationStatus.Approved && a.CycleStart == application.CycleStart
                             join i in db.Set<ApplicationItem>().AsNoTracking() on a.Id equals i.ApplicationId
                             select new { i.ItemKey, i.Kind, i.Units }).ToListAsync(cancellationToken);
        var counted = earlier.Where(e => e.Units > 0).Select(e => e.ItemKey).ToHashSet(StringComparer.Ordinal);
        if (application.Kind == ProgrammeKind.Renewal)
        {
            var rules = view.Renewal.First(v => v.Number == version.Number).Rules;
            var soFar = new CycleSoFar(
                earlier.Where(e => e.Kind is ItemKind.MicroCredential or ItemKind.Pathway).Sum(e => e.Units),
                earlier.Where(e => e.Kind == ItemKind.CoachingHours).Sum(e => e.Units),
                earlier.Where(e => e.Kind == ItemKind.AcademyHours).Sum(e => e.Units));
            var fresh = items.Where(i => !counted.Contains(i.ItemKey)).ToList();
            var outcome = RecognitionRules.Renewal(rules, fresh.Select(Item).ToList(), application.CycleStart, soFar);
            foreach (var (item, result) in fresh.Zip(outcome.Items))
            {
                item.Units = result.Units;
                item.Reason = result.Reason;
            }

            foreach (var item in items.Where(i => counted.Contains(i.ItemKey)))
            {
                item.Units = 0;
                item.Reason = "Already recognized by an earlier application in this renewal cycle.";
            }

            application.UnitsGranted = outcome.Granted;
            application.UnitName = outcome.UnitName;
            application.Summary = $"{outcome.Granted:0.##} {outcome.UnitName} under version {version.Number} of the rules; {outcome.TotalInCycle:0.##} of {rules.UnitsNeeded:0.##} in the renewal cycle from {application.CycleStart:d MMMM yyyy}"
                + (outcome.StillNeeded > 0 ? $", {outcome.StillNeeded:0.##} still needed." : ", enough to renew.");
            return;
        }

        var advancement = view.Advancement.First(v => v.Number == version.Number).Rules;
        var recognised = items.Where(i => i.Recognised).ToList();
        var reading = RecognitionRules.Advancement(advancement,
            recognised.Where(i => i.Kind == ItemKind.Pathway && i.PathwayId != null).Select(i => i.PathwayId!.Value).ToHashSet(),
            recognised.Where(i => i.Kind == ItemKind.MicroCredential && i.MicroCredentialId != null).Select(i => i.MicroCredentialId!.Value).ToHashSet());
        foreach (var item in items)
        {
            var required = (item.PathwayId is { } p && item.Kind == ItemKind.Pathway && advancement.RequiredPathwayIds.Contains(p))
                || (item.MicroCredentialId is { } m && advancement.RequiredMicroCredentialIds.Contains(m));
            item.Reason = !item.Recognised ? "Not counted: from an issuer the state does not trust."
                : required ? $"Required for {advancement.StepName}." : $"Not one of the requirements of {advancement.StepName}.";
        }

        application.UnitName = "";
        if (reading.Met)
        {
            application.Summary = $"Every requirement of {advancement.StepName} is met (version {version.Number} of the rules).";
            return;
        }

        var missing = new List<string>();
        foreach (var pathwayId in reading.MissingPathways)
        {
            missing.Add((await catalog.PathwayAsync(pathwayId, cancellationToken))?.Title is { } title ? $"the pathway {title}" : "a pathway");
        }

        var names = (await catalog.AvailableToAsync(application.DistrictId, cancellationToken)).ToDictionary(m => m.MicroCredentialId, m => m.Title);
        missing.AddRange(reading.MissingMicroCredentials.Select(m => names.TryGetValue(m, out var t) ? $"the micro-credential {t}" : "a micro-credential"));
        application.Summary = $"{advancement.StepName} still needs {string.Join(", ", missing)}.";
        if (refuseUnmet)
        {
            throw new RuleException($"Not yet: {application.Summary} Bring those credentials (or earn them) and apply again.");
        }
    }

    /// <summary>The items issued here whose credential has been revoked since the educator applied (the reviewer is warned; approving counts them as nothing).</summary>
    internal async Task<IReadOnlySet<string>> RevokedSinceAsync(RecognitionApplication application, IReadOnlyList<ApplicationItem> items, CancellationToken cancellationToken)
    {
        if (items.All(i => i.Source != ItemSource.Issued))
        {
            return new HashSet<string>();
        }

        var held = (await holdings.HeldByAsync(application.PersonId, cancellationToken)).ToDictionary(h => h.Url, StringComparer.Ordinal);
        return items.Where(i => i.Source == ItemSource.Issued && (!held.TryGetValue(i.ItemKey, out var c) || c.Revoked)).Select(i => i.ItemKey).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What has changed since the educator applied: a credential issued here since revoked counts nothing; endorsement is as it stands now. Returns the revoked items.</summary>
    internal async Task<IReadOnlyList<ApplicationItem>> RefreshAsync(RecognitionApplication application, IReadOnlyList<ApplicationItem> items, CancellationToken cancellationToken)
    {
        var revokedKeys = await RevokedSinceAsync(application, items, cancellationToken);
        var endorsedNow = await endorsements.EndorsedNowAsync(application.StateId, cancellationToken);
        var revoked = new List<ApplicationItem>();
        foreach (var item in items.Where(i => i.Source == ItemSource.Issued))
        {
            if (revokedKeys.Contains(item.ItemKey))
            {
                item.Recognised = false;
                item.Endorsed = false;
                item.Verification = "Revoked by its issuer since the application was made.";
                revoked.Add(item);
            }
            else if (item.Kind == ItemKind.MicroCredential)
            {
                item.Endorsed = item.Recognised && item.MicroCredentialId is { } m && endorsedNow.Contains(m);
            }
        }

        return revoked;
    }

    private static LearningItem Item(ApplicationItem i) => new(i.ItemKey, i.Kind, i.Name, i.Hours, i.EarnedOn, i.Recognised);
}
