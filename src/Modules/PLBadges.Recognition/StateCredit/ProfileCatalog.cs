using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Recognition.StateCredit;

/// <summary>A profile with its versions (each ending where the next begins).</summary>
internal sealed record ProfileView(StateProfile Profile, IReadOnlyList<(StateProfileVersion Stored, ProfileDefinition Definition, DateOnly? Until)> Versions)
{
    /// <summary>The version in effect on a day; null before the first.</summary>
    public (StateProfileVersion Stored, ProfileDefinition Definition, DateOnly? Until)? InEffect(DateOnly day)
    {
        foreach (var version in Versions.Reverse())
        {
            if (version.Stored.EffectiveFrom <= day)
            {
                return version;
            }
        }

        return null;
    }

    public (StateProfileVersion Stored, ProfileDefinition Definition, DateOnly? Until) Latest => Versions[^1];
}

/// <summary>What a reviewer may change in a copy, from a day on.</summary>
public sealed record ProfileAdjustment(
    DateOnly? EffectiveFrom,
    string? Unit,
    decimal? PerMicroCredential,
    decimal? PerHour,
    bool SignOffRequired,
    string? CertificateTitle,
    string? CertificateWording,
    string? IdName,
    string? IdPattern,
    string? IdHint,
    string? ColumnHeaders);

/// <summary>
/// The state profiles: the five shipped with the module (read-only, loaded by the <c>StateCredit</c> recipe step), and
/// copies a state's reviewers or a platform admin adjust. A change is a new version from a day on (today or later),
/// so sign-offs and exports made before keep the version they were made under.
/// </summary>
public sealed class ProfileCatalog(PLBadgesDbContext db, IAccessControl access, IReachedOrganizations reached, IOrganizationDirectory organizations, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The profiles shipped in this module's <c>StateCredit/Profiles/*.json</c>, each with its versions.</summary>
    internal static IReadOnlyList<ShippedProfile> Shipped { get; } = LoadShipped();

    /// <summary>Adds shipped profiles and versions the database lacks (by code and number); changes nothing else.</summary>
    internal async Task LoadShippedAsync(CancellationToken cancellationToken)
    {
        foreach (var shipped in Shipped)
        {
            var profile = await db.Set<StateProfile>().FirstOrDefaultAsync(p => p.Code == shipped.Code, cancellationToken);
            if (profile == null)
            {
                profile = new StateProfile { Code = shipped.Code, Name = shipped.Name, Jurisdiction = shipped.Versions[0].Definition.Jurisdiction, Shipped = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Add(profile);
            }

            var numbers = await db.Set<StateProfileVersion>().Where(v => v.ProfileId == profile.Id).Select(v => v.Number).ToListAsync(cancellationToken);
            foreach (var version in shipped.Versions.Where(v => !numbers.Contains(v.Number)))
            {
                db.Add(new StateProfileVersion
                {
                    ProfileId = profile.Id, Number = version.Number, EffectiveFrom = version.EffectiveFrom, DefinitionJson = version.Definition.ToJson(), CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task<ProfileView?> ProfileAsync(Guid profileId, CancellationToken cancellationToken)
    {
        var profile = await db.Set<StateProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId, cancellationToken);
        return profile == null ? null : View(profile, await db.Set<StateProfileVersion>().AsNoTracking().Where(v => v.ProfileId == profileId).ToListAsync(cancellationToken));
    }

    internal async Task<ProfileView?> ProfileByCodeAsync(string code, CancellationToken cancellationToken)
    {
        var id = await db.Set<StateProfile>().AsNoTracking().Where(p => p.Code == code).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await ProfileAsync(found, cancellationToken) : null;
    }

    /// <summary>Profiles by id, for pages that list several (a district's set-up profiles).</summary>
    internal async Task<IReadOnlyDictionary<Guid, ProfileView>> ProfilesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        var profiles = await db.Set<StateProfile>().AsNoTracking().Where(p => list.Contains(p.Id)).ToListAsync(cancellationToken);
        var versions = (await db.Set<StateProfileVersion>().AsNoTracking().Where(v => list.Contains(v.ProfileId)).ToListAsync(cancellationToken)).ToLookup(v => v.ProfileId);
        return profiles.ToDictionary(p => p.Id, p => View(p, versions[p.Id].ToList()));
    }

    /// <summary>
    /// The profiles the signed-in person sees on the profiles page: shipped ones and platform copies, and copies
    /// belonging to the states they review (a platform admin sees every copy).
    /// </summary>
    internal async Task<IReadOnlyList<ProfileView>> VisibleAsync(CancellationToken cancellationToken)
    {
        var all = await IsPlatformAdminAsync(cancellationToken);
        var states = (await ReviewedStatesAsync(cancellationToken)).Select(s => s.Id).ToList();
        var profiles = await db.Set<StateProfile>().AsNoTracking()
            .Where(p => all || p.OwnerStateId == null || states.Contains(p.OwnerStateId.Value)).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return (await ProfilesAsync(profiles.Select(p => p.Id), cancellationToken)).Values.OrderBy(v => v.Profile.Shipped ? 0 : 1).ThenBy(v => v.Profile.Name).ToList();
    }

    public Task<IReadOnlyList<OrganizationInfo>> ReviewedStatesAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(RecognitionPermissions.Review, OrganizationKind.State, cancellationToken);

    /// <summary>The profile a state uses, if it has chosen one.</summary>
    internal async Task<Guid?> ChoiceOfAsync(Guid stateId, CancellationToken cancellationToken) =>
        await db.Set<StateProfileChoice>().AsNoTracking().Where(c => c.StateId == stateId).Select(c => (Guid?)c.ProfileId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A state's reviewer chooses the profile the state uses: a shipped profile, a platform copy, or the state's own copy.</summary>
    internal async Task ChooseAsync(Guid stateId, Guid profileId, CancellationToken cancellationToken)
    {
        await MayReviewAsync(stateId, cancellationToken);
        var profile = await db.Set<StateProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId, cancellationToken);
        if (profile == null || (profile.OwnerStateId is { } owner && owner != stateId))
        {
            throw new RuleException("Choose one of the profiles listed.");
        }

        var choice = await db.Set<StateProfileChoice>().FirstOrDefaultAsync(c => c.StateId == stateId, cancellationToken);
        if (choice == null)
        {
            db.Add(new StateProfileChoice { StateId = stateId, ProfileId = profileId, ChosenAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            choice.ProfileId = profileId;
            choice.ChosenAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Copies a profile's latest version into a new profile that the state (or, for a platform admin without a state, the platform) keeps.</summary>
    internal async Task<StateProfile> CopyAsync(Guid profileId, string? name, Guid? ownerStateId, CancellationToken cancellationToken)
    {
        var view = await ProfileAsync(profileId, cancellationToken) ?? throw new RuleException("No such profile.");
        if (ownerStateId is { } state)
        {
            await MayReviewAsync(state, cancellationToken);
        }
        else if (!await IsPlatformAdminAsync(cancellationToken))
        {
            throw new RuleException("Choose the state whose copy this is.", "Copy.OwnerStateId");
        }

        name = (name ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            throw new RuleException("Name the copy (at most 200 characters).", "Copy.Name");
        }

        if (await db.Set<StateProfile>().AnyAsync(p => p.Name == name, cancellationToken))
        {
            throw new RuleException($"A profile is already called {name}.", "Copy.Name");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new StateProfile
        {
            Code = $"{view.Profile.Code.Split('-')[0]}-copy-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]}",
            Name = name, Jurisdiction = view.Profile.Jurisdiction, OwnerStateId = ownerStateId, BasedOnId = view.Profile.Id, CreatedAt = now, CreatedBy = access.PersonId,
        };
        db.Add(copy);
        db.Add(new StateProfileVersion { ProfileId = copy.Id, Number = 1, EffectiveFrom = view.Latest.Stored.EffectiveFrom, DefinitionJson = view.Latest.Definition.ToJson(), CreatedAt = now, CreatedBy = access.PersonId });
        await db.SaveChangesAsync(cancellationToken);
        return copy;
    }

    /// <summary>A new version of a copy from a day on (today or later, after the latest version's day): what came before keeps its version.</summary>
    internal async Task<StateProfileVersion> AdjustAsync(Guid profileId, ProfileAdjustment change, CancellationToken cancellationToken)
    {
        var view = await ProfileAsync(profileId, cancellationToken) ?? throw new RuleException("No such profile.");
        await MayKeepAsync(view.Profile, cancellationToken);
        var from = change.EffectiveFrom ?? Today;
        if (from < Today)
        {
            throw new RuleException("A new version takes effect today or later: what was signed off and exported before keeps its version.", "Adjust.EffectiveFrom");
        }

        var latest = view.Latest;
        if (from <= latest.Stored.EffectiveFrom)
        {
            throw new RuleException($"A new version must take effect after version {latest.Stored.Number}, which began on {latest.Stored.EffectiveFrom:d MMMM yyyy}.", "Adjust.EffectiveFrom");
        }

        var definition = Adjusted(latest.Definition, change);
        var version = new StateProfileVersion
        {
            ProfileId = profileId, Number = latest.Stored.Number + 1, EffectiveFrom = from, DefinitionJson = ProfileDefinition.Check(definition).ToJson(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = access.PersonId,
        };
        db.Add(version);
        await db.SaveChangesAsync(cancellationToken); // two versions numbered alike at once: the unique index refuses the second
        return version;
    }

    /// <summary>Whether the signed-in person may adjust the profile: never a shipped one; a platform admin any copy; a state's reviewers their state's copies.</summary>
    internal async Task<bool> MayKeepProfileAsync(StateProfile profile, CancellationToken cancellationToken) =>
        !profile.Shipped && (await IsPlatformAdminAsync(cancellationToken)
            || (profile.OwnerStateId is { } owner && await access.HasAsync(RecognitionPermissions.Review, owner, cancellationToken)));

    private async Task MayKeepAsync(StateProfile profile, CancellationToken cancellationToken)
    {
        if (profile.Shipped)
        {
            throw new RuleException("A shipped profile is kept as published; copy it to adjust it.");
        }

        if (!await MayKeepProfileAsync(profile, cancellationToken))
        {
            throw new RuleException("Only the reviewers of the state that owns this copy, or a platform admin, adjust it.");
        }
    }

    private async Task MayReviewAsync(Guid stateId, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(stateId, cancellationToken) is not { Kind: OrganizationKind.State } || !await access.HasAsync(RecognitionPermissions.Review, stateId, cancellationToken))
        {
            throw new RuleException("Only the state's reviewers keep its profiles.");
        }
    }

    private static ProfileDefinition Adjusted(ProfileDefinition definition, ProfileAdjustment change)
    {
        string Text(string? value, string current, string field, int max)
        {
            value = value?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return current;
            }

            return value.Length <= max ? value : throw new RuleException($"At most {max} characters.", "Adjust." + field);
        }

        var credit = definition.Credit with
        {
            Unit = definition.Credit.Unit with { Value = Text(change.Unit, definition.Credit.Unit.Value, "Unit", 40) },
            PerMicroCredential = definition.Credit.PerMicroCredential with { Value = change.PerMicroCredential },
            PerHour = definition.Credit.PerHour with { Value = change.PerHour ?? definition.Credit.PerHour.Value },
        };
        var file = definition.RecordFile;
        if (file != null && !string.IsNullOrWhiteSpace(change.ColumnHeaders))
        {
            var headers = change.ColumnHeaders.Split('\n').Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
            if (headers.Count != file.Columns.Count || headers.Any(h => h.Length > 100))
            {
                throw new RuleException($"Give {file.Columns.Count} column headers, one per line, in the columns' order (at most 100 characters each).", "Adjust.ColumnHeaders");
            }

            file = file with { Columns = file.Columns.Select((c, i) => c with { Header = headers[i] }).ToList() };
        }

        return definition with
        {
            Credit = credit,
            SignOffRequired = definition.SignOffRequired with { Value = change.SignOffRequired },
            Certificate = definition.Certificate with
            {
                Title = Text(change.CertificateTitle, definition.Certificate.Title, "CertificateTitle", 200),
                Wording = Text(change.CertificateWording, definition.Certificate.Wording, "CertificateWording", 2000),
            },
            EducatorId = definition.EducatorId with
            {
                Name = Text(change.IdName, definition.EducatorId.Name, "IdName", 60),
                Pattern = Text(change.IdPattern, definition.EducatorId.Pattern, "IdPattern", 200),
                Hint = Text(change.IdHint, definition.EducatorId.Hint, "IdHint", 200),
            },
            RecordFile = file,
        };
    }

    internal static ProfileView View(StateProfile profile, IReadOnlyList<StateProfileVersion> stored)
    {
        var ordered = stored.OrderBy(v => v.Number).ToList();
        return new ProfileView(profile, ordered.Select((v, i) => (v, JsonSerializer.Deserialize<ProfileDefinition>(v.DefinitionJson, ProfileDefinition.Json)!, i + 1 < ordered.Count ? ordered[i + 1].EffectiveFrom : (DateOnly?)null)).ToList());
    }

    internal async Task<bool> IsPlatformAdminAsync(CancellationToken cancellationToken) =>
        (await access.RolesAsync(cancellationToken)).Any(r => r.Role == Role.PlatformAdmin);

    internal sealed record ShippedVersion(int Number, DateOnly EffectiveFrom, ProfileDefinition Definition);

    internal sealed record ShippedProfile(string Code, string Name, IReadOnlyList<ShippedVersion> Versions);

    private static IReadOnlyList<ShippedProfile> LoadShipped()
    {
        var assembly = typeof(ProfileCatalog).Assembly;
        var list = new List<ShippedProfile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("PLBadges.Recognition.StateCredit.Profiles.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var file = JsonSerializer.Deserialize<ShippedFile>(stream, ProfileDefinition.Json) ?? throw new InvalidOperationException($"{name} is empty.");
            list.Add(new ShippedProfile(file.Code, file.Name, file.Versions.OrderBy(v => v.Number)
                .Select(v => new ShippedVersion(v.Number, v.EffectiveFrom, ProfileDefinition.Check(v.Definition))).ToList()));
        }

        return list;
    }

    private sealed record ShippedFile(string Code, string Name, IReadOnlyList<ShippedFileVersion> Versions);

    private sealed record ShippedFileVersion(int Number, DateOnly EffectiveFrom, ProfileDefinition Definition);
}
