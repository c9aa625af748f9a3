using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Contracts;
using PLBadges.Cohorts.Contracts;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.StateCredit;

/// <summary>Completed learning a district may sign off for a state, converted by the profile in effect today.</summary>
public sealed record SignOffCandidate(string Key, ItemKind Kind, string Title, string Summary, DateOnly CompletedOn, decimal Hours, decimal Units, CreditBasis Basis, string? CredentialUrl,
    Guid? MicroCredentialId = null);

/// <summary>An educator of the district, with the school they teach at (null when they hold a role at the district itself).</summary>
public sealed record Educator(PersonInfo Person, OrganizationInfo? School);

/// <summary>One thing to sign off, and the category it goes in where the profile has categories.</summary>
public sealed record SignOffPick(string Key, string? Category);

/// <summary>
/// District sign-off: a district admin (or a school leader the district named for their school) reviews an educator's
/// completed micro-credentials, coaching and academy hours, puts each in a category where the profile asks, and signs
/// off under the profile version in effect. A sign-off can be withdrawn with a reason until an export carries it.
/// </summary>
public sealed class SignOffs(
    PLBadgesDbContext db,
    IAccessControl access,
    IPeopleDirectory people,
    IOrganizationDirectory organizations,
    ICredentialHoldings holdings,
    ICoachingHours coaching,
    IAcademyAttendance academy,
    IMicroCredentialCatalog catalog,
    DistrictSetup setup,
    ProfileCatalog profiles,
    EducatorStateIds ids,
    TimeProvider clock)
{
    public const int MaxReasonLength = 1000;

    /// <summary>How far back coaching months are offered.</summary>
    private const int CoachingMonths = 24;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The districts where the signed-in person signs off: as the district's admin, or named for one of its schools.</summary>
    public async Task<IReadOnlyList<OrganizationInfo>> DistrictsAsync(CancellationToken cancellationToken)
    {
        var districts = (await setup.DistrictsAsync(cancellationToken)).ToDictionary(d => d.Id);
        foreach (var school in await DelegatedSchoolsAsync(cancellationToken))
        {
            if (school.DistrictId is { } id && !districts.ContainsKey(id) && await organizations.GetAsync(id, cancellationToken) is { } district)
            {
                districts[id] = district;
            }
        }

        return districts.Values.OrderBy(d => d.Name).ToList();
    }

    /// <summary>Whether the signed-in person signs off anywhere: a district's admin, or a school leader (named by their district or not yet).</summary>
    public async Task<bool> SignsOffAnywhereAsync(CancellationToken cancellationToken) =>
        await access.HasAsync(RecognitionPermissions.StateCredit, null, cancellationToken) || await access.HasAsync(RecognitionPermissions.SignOffForSchool, null, cancellationToken);

    /// <summary>The educators of the district the signed-in person may sign off (never themselves), by name.</summary>
    public async Task<IReadOnlyList<Educator>> EducatorsAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var schools = (await organizations.ListAsync(await organizations.WithDescendantsAsync([districtId], cancellationToken), cancellationToken))
            .Where(o => o.Kind == OrganizationKind.School).ToDictionary(o => o.Id);
        if (!await access.HasAsync(RecognitionPermissions.StateCredit, districtId, cancellationToken))
        {
            var delegated = (await DelegatedSchoolsAsync(cancellationToken)).Select(s => s.Id).ToHashSet();
            schools = schools.Where(s => delegated.Contains(s.Key)).ToDictionary();
            if (schools.Count == 0)
            {
                return [];
            }
        }

        var educators = new Dictionary<Guid, Educator>();
        foreach (var role in new[] { Role.Teacher, Role.Coach, Role.SchoolLeader })
        {
            foreach (var (schoolId, personIds) in await people.ActiveWithRoleByOrganizationAsync(role, schools.Keys, cancellationToken))
            {
                foreach (var person in await people.GetAsync(personIds.Where(p => !educators.ContainsKey(p)), cancellationToken))
                {
                    educators[person.Id] = new Educator(person, schools[schoolId]);
                }
            }
        }

        educators.Remove(access.PersonId ?? Guid.Empty); // no one signs off their own hours
        return educators.Values.OrderBy(e => e.Person.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>An educator the signed-in person may sign off in the district (never themselves), or null (the page answers 404).</summary>
    public async Task<Educator?> EducatorAsync(Guid districtId, Guid personId, CancellationToken cancellationToken)
    {
        if (personId == access.PersonId || await FindEducatorAsync(districtId, personId, cancellationToken) is not { } educator)
        {
            return null;
        }

        if (await access.HasAsync(RecognitionPermissions.StateCredit, districtId, cancellationToken))
        {
            return educator;
        }

        return educator.School is { } school && (await DelegatedSchoolsAsync(cancellationToken)).Any(s => s.Id == school.Id) ? educator : null;
    }

    /// <summary>An active educator of the district (by a role at one of its schools, or at the district), whoever asks.</summary>
    internal async Task<Educator?> FindEducatorAsync(Guid districtId, Guid personId, CancellationToken cancellationToken)
    {
        if ((await people.GetAsync([personId], cancellationToken)).FirstOrDefault() is not { IsActive: true } person)
        {
            return null;
        }

        var held = (await people.RolesOfAsync(personId, cancellationToken))
            .Where(r => r.OrganizationId != null && r.Role is Role.Teacher or Role.Coach or Role.SchoolLeader).Select(r => r.OrganizationId!.Value).Distinct();
        var places = await organizations.ListAsync(held, cancellationToken);
        return places.FirstOrDefault(o => o.Kind == OrganizationKind.School && o.DistrictId == districtId) is { } school ? new Educator(person, school)
            : places.Any(o => o.Id == districtId) ? new Educator(person, null)
            : null;
    }

    /// <summary>What the educator completed and the district has not yet signed off for the profile's state, converted by the version in effect today.</summary>
    internal async Task<IReadOnlyList<SignOffCandidate>> CandidatesAsync(Guid districtId, ProviderSetup provider, Guid personId, CancellationToken cancellationToken)
    {
        var definition = InEffect(provider.Profile).Definition;
        var bases = await setup.BasesAsync(districtId, provider.Profile.Profile.Id, cancellationToken);
        var offered = (await catalog.AvailableToAsync(districtId, cancellationToken)).ToDictionary(m => m.MicroCredentialId);
        var list = new List<SignOffCandidate>();
        foreach (var credential in (await holdings.HeldByAsync(personId, cancellationToken)).Where(c => !c.Revoked && c.Kind == HeldKind.MicroCredential && c.IssuerId == districtId))
        {
            var summary = credential.MicroCredentialId is { } id && offered.TryGetValue(id, out var mc) && await catalog.PublishedAsync(mc.Slug, cancellationToken) is { } version
                ? version.Content.Competency : "";
            var basis = credential.MicroCredentialId is { } m && bases.TryGetValue(m, out var chosen) && (chosen == CreditBasis.Hours || definition.Credit.PerMicroCredential.Value != null)
                ? chosen : Conversion.DefaultBasis(definition.Credit);
            list.Add(new SignOffCandidate(credential.Url, ItemKind.MicroCredential, credential.Name, Cut(summary, 1000), DateOnly.FromDateTime(credential.IssuedAt), credential.Hours,
                Conversion.Units(definition.Credit, basis, credential.Hours), basis, credential.Url, credential.MicroCredentialId));
        }

        var month = new DateOnly(profiles.Today.Year, profiles.Today.Month, 1);
        for (var i = 0; i < CoachingMonths; i++, month = month.AddMonths(-1))
        {
            var from = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var hours = await coaching.HoursAsync(personId, from, from.AddMonths(1), cancellationToken);
            if (hours > 0)
            {
                var last = month.AddMonths(1).AddDays(-1);
                list.Add(new SignOffCandidate($"coaching:{month:yyyy-MM}", ItemKind.CoachingHours, $"Coaching, {month:MMMM yyyy}",
                    "Job-embedded coaching: planning conferences, classroom observations and debriefs with an instructional coach.",
                    last < profiles.Today ? last : profiles.Today, hours, Conversion.HourUnits(definition.Credit, hours), CreditBasis.Hours, null));
            }
        }

        foreach (var session in (await academy.AttendedByAsync(personId, cancellationToken)).Where(s => s.StartUtc <= Now))
        {
            list.Add(new SignOffCandidate($"academy:{session.SessionId:N}", ItemKind.AcademyHours, Cut($"{session.Academy}: {session.Title}", 300),
                "A session of a Personalized Learning Academy for school leadership teams.", DateOnly.FromDateTime(session.StartUtc), session.Hours,
                Conversion.HourUnits(definition.Credit, session.Hours), CreditBasis.Hours, null));
        }

        var done = await SignedKeysAsync(districtId, definition.Jurisdiction, personId, cancellationToken);
        return list.Where(c => !done.Contains(c.Key)).OrderByDescending(c => c.CompletedOn).ThenBy(c => c.Title).ToList();
    }

    /// <summary>
    /// Signs off what was picked (each in its category where the profile has categories) for the profile's state, under
    /// the version in effect today: who, when, which version. One transaction; the educator's keys are taken under a lock,
    /// so two admins signing off at once cannot both add the same learning.
    /// </summary>
    internal async Task<SignOff> SignOffAsync(Guid districtId, Guid profileId, Guid personId, IReadOnlyList<SignOffPick> picks, CancellationToken cancellationToken)
    {
        var educator = await EducatorAsync(districtId, personId, cancellationToken) ?? throw new RuleException("No such educator among those you sign off.");
        var provider = (await setup.ProvidersAsync(districtId, cancellationToken)).FirstOrDefault(p => p.Profile.Profile.Id == profileId)
            ?? throw new RuleException("The district is not set up for that state yet.");
        var me = access.PersonId ?? throw new RuleException("Sign in to sign off.");
        var signer = (await people.GetAsync([me], cancellationToken)).First();
        return await RecordAsync(districtId, provider, educator, picks, signer, cancellationToken);
    }

    /// <summary>The sign-off itself, for a caller that has checked who signs (a recipe names its signer).</summary>
    internal async Task<SignOff> RecordAsync(Guid districtId, ProviderSetup provider, Educator educator, IReadOnlyList<SignOffPick> picks, PersonInfo signer, CancellationToken cancellationToken)
    {
        var (profileId, personId) = (provider.Profile.Profile.Id, educator.Person.Id);
        var (version, definition, _) = InEffect(provider.Profile);
        var chosen = picks.Where(p => !string.IsNullOrEmpty(p.Key)).DistinctBy(p => p.Key).ToList();
        if (chosen.Count == 0)
        {
            throw new RuleException("Pick at least one credential or hours to sign off.", "Picks");
        }

        CategoryRule? categories = null;
        if (definition.Categories != null)
        {
            var id = (await ids.IdsAsync(personId, cancellationToken)).GetValueOrDefault(definition.Jurisdiction);
            (categories, var problem) = Conversion.CategoriesFor(definition.Categories, id?.LicenseArea, id?.LicenseExpiresOn);
            if (problem != null)
            {
                throw new RuleException(problem);
            }
        }

        return await db.InTransactionAsync(async ct =>
        {
            await db.LockInTransactionAsync(new LockKey("state-credit:sign-off", personId), ct);
            var offered = (await CandidatesAsync(districtId, provider, personId, ct)).ToDictionary(c => c.Key);
            var signOff = new SignOff
            {
                DistrictId = districtId, SchoolId = educator.School?.Id, PersonId = personId, EducatorName = educator.Person.DisplayName, ProfileId = profileId,
                ProfileVersionId = version.Id, ProfileVersion = version.Number, SignedBy = signer.Id, SignedByName = signer.DisplayName, SignedAt = Now, Code = NewCode(),
            };
            db.Add(signOff);
            foreach (var pick in chosen)
            {
                var candidate = offered.GetValueOrDefault(pick.Key)
                    ?? throw new RuleException("Something picked is not among the educator's completed learning still to sign off; the page shows where things stand now.", "Picks");
                string? category = null;
                if (categories != null)
                {
                    category = categories.Categories.FirstOrDefault(c => c.Code == pick.Category)?.Name
                        ?? throw new RuleException($"Put {candidate.Title} in one of {definition.StateName}'s categories.", "Picks");
                }

                db.Add(new SignOffItem
                {
                    SignOffId = signOff.Id, PersonId = personId, DistrictId = districtId, ProfileId = profileId, Jurisdiction = definition.Jurisdiction, EducatorName = signOff.EducatorName,
                    ItemKey = candidate.Key, DedupeKey = DedupeKey(definition.Jurisdiction, personId, candidate.Key), Kind = candidate.Kind, Title = Cut(candidate.Title, 300),
                    Summary = candidate.Summary, CompletedOn = candidate.CompletedOn, Hours = candidate.Hours, Units = candidate.Units, UnitName = definition.Credit.Unit.Value,
                    Basis = candidate.Basis, Category = category, CredentialUrl = candidate.CredentialUrl, Code = NewCode(),
                });
            }

            return signOff;
        }, cancellationToken);
    }

    /// <summary>Withdraws a sign-off with a reason, while no export has carried any of it: its items leave the next exports, and its certificates stop.</summary>
    internal async Task WithdrawAsync(Guid signOffId, string? reason, CancellationToken cancellationToken)
    {
        var signOff = await db.Set<SignOff>().FirstOrDefaultAsync(s => s.Id == signOffId, cancellationToken);
        if (signOff == null || await EducatorAsync(signOff.DistrictId, signOff.PersonId, cancellationToken) == null)
        {
            throw new RuleException("No such sign-off among those you keep.");
        }

        if (signOff.WithdrawnAt != null)
        {
            throw new RuleException("This sign-off was already withdrawn.");
        }

        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > MaxReasonLength)
        {
            throw new RuleException($"Give the reason for withdrawing it (at most {MaxReasonLength} characters): the educator reads it.", "Reason");
        }

        await db.InTransactionAsync(async ct =>
        {
            await db.LockInTransactionAsync(new LockKey("state-credit:sign-off", signOff.PersonId), ct);
            if (await db.Set<SignOffItem>().AnyAsync(i => i.SignOffId == signOffId && db.Set<SentItem>().Any(s => s.ItemId == i.Id), ct))
            {
                throw new RuleException("An export has already carried this sign-off to the state, so it can no longer be withdrawn here; ask the state to correct its record.");
            }

            signOff.WithdrawnAt = Now;
            signOff.WithdrawnBy = access.PersonId;
            signOff.WithdrawalReason = reason;
            await db.Set<SignOffItem>().Where(i => i.SignOffId == signOffId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Active, false), ct);
        }, cancellationToken);
    }

    /// <summary>The educator's sign-offs in the district (withdrawn ones too), newest first, with their items.</summary>
    internal async Task<IReadOnlyList<(SignOff SignOff, IReadOnlyList<SignOffItem> Items)>> OfAsync(Guid personId, Guid? districtId, CancellationToken cancellationToken)
    {
        var signOffs = await db.Set<SignOff>().AsNoTracking().Where(s => s.PersonId == personId && (districtId == null || s.DistrictId == districtId))
            .OrderByDescending(s => s.SignedAt).ToListAsync(cancellationToken);
        var ids = signOffs.Select(s => s.Id).ToList();
        var items = (await db.Set<SignOffItem>().AsNoTracking().Where(i => ids.Contains(i.SignOffId)).OrderBy(i => i.Id).ToListAsync(cancellationToken)).ToLookup(i => i.SignOffId);
        return signOffs.Select(s => (s, (IReadOnlyList<SignOffItem>)items[s.Id].ToList())).ToList();
    }

    /// <summary>Which of the items an export has carried to the state.</summary>
    internal async Task<IReadOnlySet<long>> SentAsync(IEnumerable<long> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        return (await db.Set<SentItem>().AsNoTracking().Where(s => ids.Contains(s.ItemId)).Select(s => s.ItemId).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Whether the signed-in person may see the sign-off's certificates: its educator, or one who signs off in its district.</summary>
    internal async Task<bool> MaySeeAsync(SignOff signOff, CancellationToken cancellationToken) =>
        signOff.PersonId == access.PersonId || await EducatorAsync(signOff.DistrictId, signOff.PersonId, cancellationToken) != null;

    /// <summary>The same learning sent to the same state is one key, whichever district signs it off.</summary>
    internal static string DedupeKey(string jurisdiction, Guid personId, string itemKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{jurisdiction}\n{personId:N}\n{itemKey}")));

    private (StateProfileVersion Stored, ProfileDefinition Definition, DateOnly? Until) InEffect(ProfileView profile) =>
        profile.InEffect(profiles.Today) ?? throw new RuleException($"{profile.Profile.Name} takes effect on {profile.Versions[0].Stored.EffectiveFrom:d MMMM yyyy}.");

    private async Task<IReadOnlySet<string>> SignedKeysAsync(Guid districtId, string jurisdiction, Guid personId, CancellationToken cancellationToken) =>
        (await db.Set<SignOffItem>().AsNoTracking().Where(i => i.PersonId == personId && i.DistrictId == districtId && i.Jurisdiction == jurisdiction && i.Active)
            .Select(i => i.ItemKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    private async Task<IReadOnlyList<OrganizationInfo>> DelegatedSchoolsAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || !await access.HasAsync(RecognitionPermissions.SignOffForSchool, null, cancellationToken))
        {
            return [];
        }

        var schools = await db.Set<SignOffDelegate>().AsNoTracking().Where(d => d.PersonId == me).Select(d => d.SchoolId).ToListAsync(cancellationToken);
        var held = new List<OrganizationInfo>();
        foreach (var school in await organizations.ListAsync(schools, cancellationToken))
        {
            if (await access.HasAsync(RecognitionPermissions.SignOffForSchool, school.Id, cancellationToken))
            {
                held.Add(school);
            }
        }

        return held;
    }

    /// <summary>A short code for a public link: 10 characters of an alphabet without look-alikes, 50 random bits.</summary>
    internal static string NewCode()
    {
        const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
        var bytes = RandomNumberGenerator.GetBytes(10);
        return string.Concat(bytes.Select(b => Alphabet[b % Alphabet.Length]));
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
