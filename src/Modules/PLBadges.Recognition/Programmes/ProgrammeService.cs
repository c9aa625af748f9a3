using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Programmes;

/// <summary>A programme with its versions (each ending where the next begins).</summary>
internal sealed record ProgrammeView(Programme Programme, IReadOnlyList<RulesVersion<RenewalRules>> Renewal, IReadOnlyList<RulesVersion<AdvancementRules>> Advancement, IReadOnlyList<ProgrammeVersion> Stored)
{
    public int LatestNumber => Stored.Count == 0 ? 0 : Stored.Max(v => v.Number);

    /// <summary>The stored version in effect on a day; null before the first.</summary>
    internal ProgrammeVersion? InEffect(DateOnly day)
    {
        var number = Programme.Kind == ProgrammeKind.Renewal ? Versions.InEffect(Renewal, day)?.Number : Versions.InEffect(Advancement, day)?.Number;
        return number is { } n ? Stored.First(v => v.Number == n) : null;
    }
}

/// <summary>
/// A state's programmes and their versions, its educator-number form and its trusted issuers:
/// kept by the state's reviewers (every method checks), read by anyone applying.
/// </summary>
public sealed class ProgrammeService(PLBadgesDbContext db, IAccessControl access, IReachedOrganizations reached, IOrganizationDirectory organizations, IMicroCredentialCatalog catalog, TimeProvider clock)
{
    public static readonly JsonSerializerOptions RulesJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public const int MaxNameLength = 200;

    /// <summary>The states where the signed-in person keeps programmes.</summary>
    public Task<IReadOnlyList<OrganizationInfo>> ReviewedStatesAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(RecognitionPermissions.Review, OrganizationKind.State, cancellationToken);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal async Task<IReadOnlyList<ProgrammeView>> ProgrammesAsync(Guid stateId, CancellationToken cancellationToken)
    {
        var programmes = await db.Set<Programme>().AsNoTracking().Where(p => p.StateId == stateId).OrderBy(p => p.Kind).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var ids = programmes.Select(p => p.Id).ToList();
        var versions = (await db.Set<ProgrammeVersion>().AsNoTracking().Where(v => ids.Contains(v.ProgrammeId)).ToListAsync(cancellationToken)).ToLookup(v => v.ProgrammeId);
        return programmes.Select(p => View(p, versions[p.Id].OrderBy(v => v.Number).ToList())).ToList();
    }

    internal async Task<ProgrammeView?> ProgrammeAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        var programme = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, cancellationToken);
        return programme == null ? null
            : View(programme, await db.Set<ProgrammeVersion>().AsNoTracking().Where(v => v.ProgrammeId == programmeId).OrderBy(v => v.Number).ToListAsync(cancellationToken));
    }

    internal static ProgrammeView View(Programme programme, IReadOnlyList<ProgrammeVersion> stored)
    {
        DateOnly? Until(int i) => i + 1 < stored.Count ? stored[i + 1].EffectiveFrom : null;
        return programme.Kind == ProgrammeKind.Renewal
            ? new(programme, stored.Select((v, i) => new RulesVersion<RenewalRules>(v.Number, v.EffectiveFrom, Until(i), JsonSerializer.Deserialize<RenewalRules>(v.RulesJson, RulesJson)!)).ToList(), [], stored)
            : new(programme, [], stored.Select((v, i) => new RulesVersion<AdvancementRules>(v.Number, v.EffectiveFrom, Until(i), JsonSerializer.Deserialize<AdvancementRules>(v.RulesJson, RulesJson)!)).ToList(), stored);
    }

    internal async Task<Programme> CreateAsync(Guid stateId, ProgrammeKind kind, string? name, string? description, DateOnly? effectiveFrom, object rules, Guid by, CancellationToken cancellationToken, bool allowPast = false)
    {
        await MayKeepAsync(stateId, cancellationToken);
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new RuleException($"Name the program (at most {MaxNameLength} characters).");
        }

        if (await db.Set<Programme>().AnyAsync(p => p.StateId == stateId && p.Name == name, cancellationToken))
        {
            throw new RuleException($"The state already has a program called {name}.");
        }

        description = (description ?? "").Trim();
        if (description.Length > 4000)
        {
            throw new RuleException("The description can be at most 4,000 characters.");
        }

        var programme = new Programme { StateId = stateId, Kind = kind, Name = name, Description = description, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(programme);
        AddVersion(programme, 1, effectiveFrom ?? Today, null, rules, by, allowPast);
        await db.SaveChangesAsync(cancellationToken);
        return programme;
    }

    /// <summary>A new version of the rules from a day on (today at the earliest, after the latest version's start): earlier decisions keep theirs.</summary>
    public async Task AddVersionAsync(Guid programmeId, DateOnly? effectiveFrom, object rules, Guid by, CancellationToken cancellationToken)
    {
        var view = await ProgrammeAsync(programmeId, cancellationToken) ?? throw new RuleException("No such program.");
        await MayKeepAsync(view.Programme.StateId, cancellationToken);
        AddVersion(view.Programme, view.LatestNumber + 1, effectiveFrom ?? Today, view.Stored.LastOrDefault(), rules, by, allowPast: false);
        await db.SaveChangesAsync(cancellationToken); // two versions numbered alike at once: the unique index refuses the second
    }

    private void AddVersion(Programme programme, int number, DateOnly from, ProgrammeVersion? latest, object rules, Guid by, bool allowPast)
    {
        if (!allowPast && from < Today)
        {
            throw new RuleException("A new version takes effect today or later: past decisions are never rewritten.");
        }

        if (latest != null && from <= latest.EffectiveFrom)
        {
            throw new RuleException($"A new version must take effect after version {latest.Number}, which began on {latest.EffectiveFrom:d MMMM yyyy}.");
        }

        var json = rules switch
        {
            RenewalRules renewal when programme.Kind == ProgrammeKind.Renewal => JsonSerializer.Serialize(Check(renewal), RulesJson),
            AdvancementRules advancement when programme.Kind == ProgrammeKind.Advancement => JsonSerializer.Serialize(Check(advancement), RulesJson),
            _ => throw new RuleException("These rules are for another kind of program."),
        };
        db.Add(new ProgrammeVersion { ProgrammeId = programme.Id, Number = number, EffectiveFrom = from, RulesJson = json, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by });
    }

    public static RenewalRules Check(RenewalRules rules)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(rules.UnitName) || rules.UnitName.Length > 40)
        {
            problems.Add("name the unit (points, clock hours; at most 40 characters)");
        }

        if (rules.UnitsNeeded is <= 0 or > 10_000)
        {
            problems.Add("the units needed must be more than 0");
        }

        if (rules.CycleYears is < 1 or > 20)
        {
            problems.Add("a renewal cycle is 1 to 20 years");
        }

        if (rules.Basis == UnitBasis.PerCredential && rules.UnitsPerCredential is <= 0 or > 10_000)
        {
            problems.Add("say how many units each micro-credential counts");
        }

        if (rules.CredentialCap < 0 || rules.CoachingCap < 0 || rules.AcademyCap < 0)
        {
            problems.Add("a cap cannot be negative");
        }

        return problems.Count == 0 ? rules : throw new RuleException("The rules cannot be saved: " + string.Join("; ", problems) + ".");
    }

    public static AdvancementRules Check(AdvancementRules rules)
    {
        if (string.IsNullOrWhiteSpace(rules.StepName) || rules.StepName.Length > MaxNameLength)
        {
            throw new RuleException("Name the advancement step (an endorsement on the license).");
        }

        return rules.RequiredPathwayIds.Count + rules.RequiredMicroCredentialIds.Count == 0
            ? throw new RuleException("An advancement requires at least one pathway or micro-credential.")
            : rules;
    }

    /// <summary>The micro-credentials (with their pathways) available in the state's districts: what the state may require or endorse.</summary>
    public async Task<IReadOnlyList<MicroCredentialSummary>> CatalogAsync(Guid stateId, CancellationToken cancellationToken)
    {
        var below = await organizations.ListAsync(await organizations.WithDescendantsAsync([stateId], cancellationToken), cancellationToken);
        var all = new List<MicroCredentialSummary>();
        foreach (var district in below.Where(o => o.Kind == OrganizationKind.District))
        {
            all.AddRange(await catalog.AvailableToAsync(district.Id, cancellationToken));
        }

        return all.DistinctBy(m => m.MicroCredentialId).OrderBy(m => m.PathwayTitle).ThenBy(m => m.Title).ToList();
    }

    internal async Task<StateSettings> SettingsAsync(Guid stateId, CancellationToken cancellationToken) =>
        await db.Set<StateSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.StateId == stateId, cancellationToken) ?? new StateSettings { StateId = stateId };

    public async Task SaveSettingsAsync(Guid stateId, string? pattern, string? hint, CancellationToken cancellationToken)
    {
        await MayKeepAsync(stateId, cancellationToken);
        pattern = pattern?.Trim() ?? "";
        hint = hint?.Trim() ?? "";
        if (pattern.Length is 0 or > 200 || hint.Length is 0 or > 200)
        {
            throw new RuleException("Give the educator number's form both as a pattern and in words (each at most 200 characters).");
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException problem)
        {
            throw new RuleException($"The pattern is not a regular expression: {problem.Message}");
        }

        var settings = await db.Set<StateSettings>().FirstOrDefaultAsync(s => s.StateId == stateId, cancellationToken);
        if (settings == null)
        {
            settings = new StateSettings { StateId = stateId };
            db.Add(settings);
        }

        settings.EducatorNumberPattern = Whole(pattern);
        settings.EducatorNumberHint = hint;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The pattern matched against the whole number: "a|b" means "^(?:a|b)$", not "^a" or "b$".</summary>
    public static string Whole(string pattern)
    {
        var inner = pattern.StartsWith('^') ? pattern[1..] : pattern;
        inner = inner.EndsWith('$') && !inner.EndsWith("\\$", StringComparison.Ordinal) ? inner[..^1] : inner;
        return $"^(?:{inner})$";
    }

    internal async Task<IReadOnlyList<TrustedIssuer>> TrustedIssuersAsync(Guid stateId, CancellationToken cancellationToken) =>
        await db.Set<TrustedIssuer>().AsNoTracking().Where(t => t.StateId == stateId).OrderBy(t => t.Name).ToListAsync(cancellationToken);

    public async Task TrustAsync(Guid stateId, string? issuerUrl, string? name, CancellationToken cancellationToken)
    {
        await MayKeepAsync(stateId, cancellationToken);
        issuerUrl = issuerUrl?.Trim() ?? "";
        name = name?.Trim() ?? "";
        // Issuers name themselves by an https URL or, with Data Integrity proofs, by a DID (did:web, did:key).
        var isDid = issuerUrl.StartsWith("did:web:", StringComparison.Ordinal) || issuerUrl.StartsWith("did:key:", StringComparison.Ordinal);
        if (!(isDid || Uri.TryCreate(issuerUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http") || issuerUrl.Length > 500 || issuerUrl.Any(char.IsWhiteSpace))
        {
            throw new RuleException("Give the issuer's id as its credentials name it: an https URL or a did:web or did:key identifier (at most 500 characters).");
        }

        if (name.Length is 0 or > MaxNameLength)
        {
            throw new RuleException("Name the issuer, as reviewers and educators will see it.");
        }

        if (await db.Set<TrustedIssuer>().AnyAsync(t => t.StateId == stateId && t.IssuerUrl == issuerUrl, cancellationToken))
        {
            throw new RuleException("That issuer is already trusted.");
        }

        db.Add(new TrustedIssuer { StateId = stateId, IssuerUrl = issuerUrl, Name = name, AddedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DistrustAsync(Guid stateId, string issuerUrl, CancellationToken cancellationToken)
    {
        await MayKeepAsync(stateId, cancellationToken);
        await db.Set<TrustedIssuer>().Where(t => t.StateId == stateId && t.IssuerUrl == issuerUrl).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Refuses unless the signed-in person reviews for the state (and the organization is a state).</summary>
    public async Task MayKeepAsync(Guid stateId, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(stateId, cancellationToken) is not { Kind: OrganizationKind.State } || !await access.HasAsync(RecognitionPermissions.Review, stateId, cancellationToken))
        {
            throw new RuleException("Only the state's reviewers keep its programs.");
        }
    }
}
