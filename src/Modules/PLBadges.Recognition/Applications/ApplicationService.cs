using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Contracts;
using PLBadges.Cohorts.Contracts;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Applications;

/// <summary>Who applies, to which state, from which district, with which licence.</summary>
internal sealed record Applicant(PersonInfo Person, OrganizationInfo State, Guid DistrictId, EducatorLicence? Licence, StateSettings Settings);

/// <summary>Something the educator may put in an application, with what the state makes of it.</summary>
public record Candidate(string Key, ItemKind Kind, ItemSource Source, string Name, decimal Hours, DateOnly EarnedOn, Guid? MicroCredentialId, Guid? PathwayId,
    string? IssuerUrl, string? IssuerName, bool Recognised, bool Endorsed);

/// <summary>A file brought to an application: a credential from elsewhere.</summary>
public sealed record Upload(string FileName, string? ContentType, byte[] Bytes);

public enum Decision
{
    Approve,
    AskForMore,
    Decline,
}

/// <summary>
/// Recognition applications: an educator's licence number, what they may bring, applying (approved
/// by rule when every credential is endorsed by the state), the reviewer's decision, and the
/// educator's answer to a request for more. Each change is one transaction with its mail, in-site
/// notice and event.
/// </summary>
public sealed class ApplicationService(
    PLBadgesDbContext db,
    IAccessControl access,
    IOrganizationDirectory organizations,
    IPeopleDirectory people,
    ICredentialHoldings holdings,
    ICredentialChecks checks,
    IEndorsements endorsements,
    ICoachingHours coaching,
    IAcademyAttendance academy,
    IMicroCredentialCatalog catalog,
    ProgrammeService programmes,
    IEmailOutbox mail,
    IInbox inbox,
    IEventOutbox events,
    SiteOrigin origin,
    TimeProvider clock)
{
    public const int MaxNoteLength = 2000;
    public const int MaxUploads = 5;
    private const int MaxStoredJson = 200_000;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Guid? CurrentPersonId => access.PersonId;

    /// <summary>The signed-in educator, their state and district; null when they apply nowhere.</summary>
    internal async Task<Applicant?> ApplicantAsync(CancellationToken cancellationToken)
    {
        return access.PersonId is { } personId ? await ApplicantAsync(personId, await access.RolesAsync(cancellationToken), cancellationToken) : null;
    }

    /// <summary>The educator, by the first role in which they may apply.</summary>
    internal async Task<Applicant?> ApplicantAsync(Guid personId, IReadOnlyList<RoleAssignment> roles, CancellationToken cancellationToken)
    {
        if ((await people.GetAsync([personId], cancellationToken)).FirstOrDefault() is not { } person)
        {
            return null;
        }

        foreach (var role in roles)
        {
            if (role.OrganizationId is { } org && RecognitionPermissions.Apply.IsGrantedTo(role.Role) && role.Role != Role.PlatformAdmin
                && await organizations.GetAsync(org, cancellationToken) is { StateId: { } stateId, DistrictId: { } districtId }
                && await organizations.GetAsync(stateId, cancellationToken) is { } state)
            {
                var licence = await db.Set<EducatorLicence>().AsNoTracking().FirstOrDefaultAsync(l => l.StateId == stateId && l.PersonId == personId, cancellationToken);
                return new Applicant(person, state, districtId, licence, await programmes.SettingsAsync(stateId, cancellationToken));
            }
        }

        return null;
    }

    /// <summary>Saves the educator's number (in the form the state sets, used by no one else in the state) and their licence's first day.</summary>
    internal async Task SaveLicenceAsync(Applicant applicant, string? number, DateOnly? licensedOn, CancellationToken cancellationToken)
    {
        number = (number ?? "").Trim();
        bool matches;
        try
        {
            matches = number.Length is > 0 and <= 40 && Regex.IsMatch(number, applicant.Settings.EducatorNumberPattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        if (!matches)
        {
            throw new RuleException($"{applicant.State.Name} educator numbers are {applicant.Settings.EducatorNumberHint}.");
        }

        if (licensedOn is not { } first || first > Today || first < Today.AddYears(-60))
        {
            throw new RuleException("Give the day your licence was first issued (renewal cycles count from it).");
        }

        if (await db.Set<EducatorLicence>().AnyAsync(l => l.StateId == applicant.State.Id && l.EducatorNumber == number && l.PersonId != applicant.Person.Id, cancellationToken)
            || await db.Set<RecognitionApplication>().AnyAsync(a => a.StateId == applicant.State.Id && a.EducatorNumber == number && a.PersonId != applicant.Person.Id, cancellationToken))
        {
            throw new RuleException("Another educator has already given that number. Check it, or ask the state's licensure office.");
        }

        if (applicant.Licence is { } current && current.EducatorNumber != number
            && await db.Set<RecognitionApplication>().AnyAsync(a => a.StateId == applicant.State.Id && a.PersonId == applicant.Person.Id, cancellationToken))
        {
            throw new RuleException($"Your applications already carry the number {current.EducatorNumber} to the state; ask the state's licensure office to change it.");
        }

        var licence = await db.Set<EducatorLicence>().FirstOrDefaultAsync(l => l.StateId == applicant.State.Id && l.PersonId == applicant.Person.Id, cancellationToken);
        if (licence == null)
        {
            db.Add(new EducatorLicence { StateId = applicant.State.Id, PersonId = applicant.Person.Id, EducatorNumber = number, LicensedOn = first, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            licence.EducatorNumber = number;
            licence.LicensedOn = first;
            licence.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The programmes of the applicant's state with a version in effect today.</summary>
    internal async Task<IReadOnlyList<ProgrammeView>> OpenProgrammesAsync(Applicant applicant, CancellationToken cancellationToken) =>
        (await programmes.ProgrammesAsync(applicant.State.Id, cancellationToken)).Where(p => p.InEffect(Today) != null).ToList();

    /// <summary>The credentials the educator holds and the hours of the current renewal cycle, with what the state makes of each.</summary>
    /// <param name="programmeId">The programme applied to: hours already brought to it this cycle (waiting or approved) are not offered again; only what has been added since.</param>
    internal async Task<IReadOnlyList<Candidate>> CandidatesAsync(Applicant applicant, RenewalRules? renewal, Guid programmeId, CancellationToken cancellationToken)
    {
        var held = (await holdings.HeldByAsync(applicant.Person.Id, cancellationToken)).Where(c => !c.Revoked && c.Kind != HeldKind.Award).ToList();
        var issuers = (await organizations.ListAsync(held.Select(h => h.IssuerId).Distinct(), cancellationToken)).ToDictionary(o => o.Id);
        var trusted = (await programmes.TrustedIssuersAsync(applicant.State.Id, cancellationToken)).Select(t => t.IssuerUrl).ToHashSet(StringComparer.Ordinal);
        var endorsed = await EndorsedAsync(applicant.State.Id, cancellationToken);
        var list = new List<Candidate>();
        foreach (var credential in held)
        {
            var issuer = issuers.GetValueOrDefault(credential.IssuerId);
            var url = checks.IssuerUrl(credential.IssuerId);
            var ownState = issuer?.StateId == applicant.State.Id;
            var isEndorsed = credential.Kind == HeldKind.MicroCredential
                ? credential.MicroCredentialId is { } m && endorsed.Contains(m)
                : credential.PathwayId is { } p && await catalog.PathwayAsync(p, cancellationToken) is { MicroCredentialIds.Count: > 0 } pathway && pathway.MicroCredentialIds.All(endorsed.Contains);
            list.Add(new Candidate(credential.Url, credential.Kind == HeldKind.Pathway ? ItemKind.Pathway : ItemKind.MicroCredential, ItemSource.Issued, credential.Name, credential.Hours,
                DateOnly.FromDateTime(credential.IssuedAt), credential.MicroCredentialId, credential.PathwayId, url, issuer?.Name,
                ownState || trusted.Contains(url), (ownState || trusted.Contains(url)) && isEndorsed));
        }

        if (renewal != null && applicant.Licence is { } licence)
        {
            var start = RecognitionRules.CycleStart(licence.LicensedOn, renewal.CycleYears, Today);
            var end = start.AddYears(renewal.CycleYears);
            var personId = applicant.Person.Id;
            var brought = (await (from a in db.Set<RecognitionApplication>().AsNoTracking()
                                  where a.PersonId == personId && a.ProgrammeId == programmeId && a.CycleStart == start && a.Status != ApplicationStatus.Declined
                                  join i in db.Set<ApplicationItem>().AsNoTracking() on a.Id equals i.ApplicationId
                                  where i.Kind == ItemKind.CoachingHours || i.Kind == ItemKind.AcademyHours
                                  select new { i.Kind, i.Hours }).ToListAsync(cancellationToken))
                .GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Sum(i => i.Hours));
            if (renewal.CoachingCounts)
            {
                var total = await coaching.HoursAsync(personId, start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), cancellationToken);
                var fresh = total - brought.GetValueOrDefault(ItemKind.CoachingHours);
                if (fresh > 0)
                {
                    list.Add(new Candidate($"coaching:{start:yyyy-MM-dd}:{total:0.##}", ItemKind.CoachingHours, ItemSource.Activity,
                        brought.ContainsKey(ItemKind.CoachingHours) ? "Coaching hours this renewal cycle, since your last application" : "Coaching hours this renewal cycle", fresh, Today, null, null, null, null, true, false));
                }
            }

            if (renewal.AcademyCounts)
            {
                var sessions = (await academy.AttendedByAsync(applicant.Person.Id, cancellationToken))
                    .Where(s => DateOnly.FromDateTime(s.StartUtc) >= start && DateOnly.FromDateTime(s.StartUtc) < end && s.StartUtc <= clock.GetUtcNow().UtcDateTime).ToList();
                var total = sessions.Sum(s => s.Hours);
                var fresh = total - brought.GetValueOrDefault(ItemKind.AcademyHours);
                if (fresh > 0)
                {
                    list.Add(new Candidate($"academy:{start:yyyy-MM-dd}:{total:0.##}", ItemKind.AcademyHours, ItemSource.Activity,
                        brought.ContainsKey(ItemKind.AcademyHours) ? "Academy sessions attended this renewal cycle, since your last application" : $"Academy sessions attended this renewal cycle ({sessions.Count})",
                        fresh, Today, null, null, null, null, true, false));
                }
            }
        }

        return list;
    }

    /// <summary>Applies: the credentials picked, the hours asked for, and credentials uploaded from elsewhere (each verified; one that fails refuses the application).</summary>
    internal async Task<RecognitionApplication> ApplyAsync(Applicant applicant, Guid programmeId, IReadOnlyCollection<string> picked, IReadOnlyList<Upload> uploads, string? note, CancellationToken cancellationToken)
    {
        if (applicant.Licence is not { } licence)
        {
            throw new RuleException("Give your educator number first: the state knows your licence by it.");
        }

        var view = await programmes.ProgrammeAsync(programmeId, cancellationToken);
        if (view == null || view.Programme.StateId != applicant.State.Id || view.InEffect(Today) is not { } version)
        {
            throw new RuleException("That programme does not take applications now.");
        }

        note = (note ?? "").Trim();
        if (note.Length > MaxNoteLength)
        {
            throw new RuleException($"The note can be at most {MaxNoteLength} characters.");
        }

        var pending = await PendingKeysAsync(applicant.Person.Id, programmeId, cancellationToken);
        if (picked.FirstOrDefault(pending.Contains) is { } again)
        {
            throw new RuleException("Something you picked is already in an application of yours waiting for review; it is decided there.");
        }

        var renewal = view.Renewal.FirstOrDefault(v => v.Number == version.Number)?.Rules;
        var candidates = (await CandidatesAsync(applicant, renewal, programmeId, cancellationToken)).ToDictionary(c => c.Key);
        var unknown = picked.Where(k => !candidates.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleException("Some of what was picked is not among your credentials and hours; the page shows what you can bring.");
        }

        var items = picked.Distinct().Select(k => candidates[k]).ToList();
        items.AddRange(await VerifyUploadsAsync(applicant, uploads, cancellationToken));
        if (items.Count == 0)
        {
            throw new RuleException("Pick at least one credential (or hours), or upload one.");
        }

        var application = new RecognitionApplication
        {
            StateId = applicant.State.Id,
            DistrictId = applicant.DistrictId,
            PersonId = applicant.Person.Id,
            EducatorNumber = licence.EducatorNumber,
            ProgrammeId = programmeId,
            VersionId = version.Id,
            Kind = view.Programme.Kind,
            ProgrammeName = view.Programme.Name,
            Approval = renewal?.Approval ?? view.Advancement.First(v => v.Number == version.Number).Rules.Approval,
            Status = ApplicationStatus.Waiting,
            CycleStart = renewal != null ? RecognitionRules.CycleStart(licence.LicensedOn, renewal.CycleYears, Today) : Today,
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
            Note = note,
        };
        var stored = items.Select((c, i) => new ApplicationItem
        {
            ApplicationId = application.Id,
            Position = i,
            ItemKey = c.Key,
            Kind = c.Kind,
            Source = c.Source,
            Name = Cut(c.Name, 300),
            Hours = c.Hours,
            EarnedOn = c.EarnedOn,
            MicroCredentialId = c.MicroCredentialId,
            PathwayId = c.PathwayId,
            IssuerUrl = c.IssuerUrl,
            IssuerName = c.IssuerName is { } n ? Cut(n, 200) : null,
            Recognised = c.Recognised,
            Endorsed = c.Endorsed,
            Verification = c is UploadedCandidate u ? u.Verification : c.Source == ItemSource.Issued ? "Issued on this site; checked by the credentials module (not revoked)." : "From the site's records.",
            UploadedJson = (c as UploadedCandidate)?.Json,
        }).ToList();

        await EvaluateAsync(application, stored, view, version, refuseUnmet: true, cancellationToken);
        var credentials = stored.Where(i => i.Source != ItemSource.Activity).ToList();
        var byRule = credentials.Count > 0 && credentials.All(i => i.Endorsed) && (application.Kind == ProgrammeKind.Advancement || application.UnitsGranted > 0);
        if (byRule)
        {
            application.Status = ApplicationStatus.Approved;
            application.ByRule = true;
            application.DecidedAt = application.SubmittedAt;
        }

        db.Add(application);
        db.AddRange(stored);
        await NotifyAsync(application, applicant.Person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return application;
    }

    /// <summary>What the educator has brought to applications of the programme still waiting (or asked for more): not brought twice.</summary>
    public async Task<IReadOnlySet<string>> PendingKeysAsync(Guid personId, Guid programmeId, CancellationToken cancellationToken) =>
        (await (from a in db.Set<RecognitionApplication>().AsNoTracking()
                where a.PersonId == personId && a.ProgrammeId == programmeId && (a.Status == ApplicationStatus.Waiting || a.Status == ApplicationStatus.MoreAsked)
                join i in db.Set<ApplicationItem>().AsNoTracking() on a.Id equals i.ApplicationId
                select i.ItemKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>A candidate brought as a file, verified.</summary>
    private sealed record UploadedCandidate(string Key, string Name, decimal Hours, DateOnly EarnedOn, string? IssuerUrl, string? IssuerName, bool Recognised, string Verification, string? Json)
        : Candidate(Key, ItemKind.MicroCredential, ItemSource.Uploaded, Name, Hours, EarnedOn, null, null, IssuerUrl, IssuerName, Recognised, false);

    private async Task<IReadOnlyList<Candidate>> VerifyUploadsAsync(Applicant applicant, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken)
    {
        if (uploads.Count > MaxUploads)
        {
            throw new RuleException($"Upload at most {MaxUploads} credentials at a time.");
        }

        var trusted = (await programmes.TrustedIssuersAsync(applicant.State.Id, cancellationToken)).ToDictionary(t => t.IssuerUrl, StringComparer.Ordinal);
        var list = new List<Candidate>();
        foreach (var upload in uploads)
        {
            var result = await checks.CheckAsync(upload.Bytes, upload.ContentType, applicant.Person.Email, cancellationToken);
            if (!result.Valid)
            {
                var failed = result.Checks.Where(c => !c.Passed).Select(c => c.Message);
                throw new RuleException($"{upload.FileName} could not be verified, so it was not added: {string.Join(" ", failed)}");
            }

            var trust = result.IssuerId is { } issuer ? trusted.GetValueOrDefault(issuer) : null;
            var name = result.AchievementName ?? result.Name ?? upload.FileName;
            var json = result.Json is { Length: <= MaxStoredJson } kept ? kept : null; // a large badge image inside is not kept; the checks are
            list.Add(new UploadedCandidate(Cut(result.Id ?? upload.FileName, 600), name, result.Hours, DateOnly.FromDateTime(result.ValidFrom ?? clock.GetUtcNow().UtcDateTime),
                result.IssuerId is { } url ? Cut(url, 600) : null, trust?.Name ?? result.IssuerName, trust != null,
                Cut(string.Join(" ", result.Checks.Select(c => $"{c.Name}: {(c.Passed ? "passed" : "failed")} ({c.Message})")), 4000), json));
        }

        return list;
    }

    /// <summary>
    /// Reads the items under the application's version of the rules: renewal units (caps counting what
    /// earlier approved applications of the cycle granted; an item granted before counts nothing), or
    /// whether an advancement is met.
    /// </summary>
    private async Task EvaluateAsync(RecognitionApplication application, IReadOnlyList<ApplicationItem> items, ProgrammeView view, ProgrammeVersion version, bool refuseUnmet, CancellationToken cancellationToken)
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
                item.Reason = "Already recognised by an earlier application in this renewal cycle.";
            }

            application.UnitsGranted = outcome.Granted;
            application.UnitName = outcome.UnitName;
            application.Summary = $"{outcome.Granted:0.##} {outcome.UnitName} under version {version.Number} of the rules; {outcome.TotalInCycle:0.##} of {rules.UnitsNeeded:0.##} in the renewal cycle from {application.CycleStart:d MMM yyyy}"
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
    private async Task<IReadOnlyList<ApplicationItem>> RefreshAsync(RecognitionApplication application, IReadOnlyList<ApplicationItem> items, CancellationToken cancellationToken)
    {
        var revokedKeys = await RevokedSinceAsync(application, items, cancellationToken);
        var endorsedNow = await EndorsedAsync(application.StateId, cancellationToken);
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

    /// <summary>The micro-credentials the state endorses now.</summary>
    public async Task<IReadOnlySet<Guid>> EndorsedAsync(Guid stateId, CancellationToken cancellationToken) =>
        (await endorsements.ByEndorserAsync(stateId, cancellationToken)).Where(e => e.WithdrawnAt == null).Select(e => e.MicroCredentialId).ToHashSet();

    /// <summary>The educator's applications, newest first.</summary>
    internal async Task<IReadOnlyList<RecognitionApplication>> MineAsync(Guid personId, CancellationToken cancellationToken) =>
        (await db.Set<RecognitionApplication>().AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(cancellationToken)).OrderByDescending(a => a.SubmittedAt).ToList();

    /// <summary>An application with its items, when the signed-in person may see it: its educator, or one who may decide it.</summary>
    internal async Task<(RecognitionApplication Application, IReadOnlyList<ApplicationItem> Items, bool MayDecide)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Set<RecognitionApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application == null)
        {
            return null;
        }

        var mayDecide = await MayDecideAsync(application, cancellationToken);
        if (!mayDecide && application.PersonId != access.PersonId)
        {
            return null;
        }

        var items = await db.Set<ApplicationItem>().AsNoTracking().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        return (application, items, mayDecide);
    }

    /// <summary>The state's reviewers decide every application of the state; a district's admins those the state leaves to districts.</summary>
    private async Task<bool> MayDecideAsync(RecognitionApplication application, CancellationToken cancellationToken) =>
        application.PersonId != access.PersonId // no one decides their own application, whatever else they review
        && (await access.HasAsync(RecognitionPermissions.Review, application.StateId, cancellationToken)
        || (application.Approval == ApprovalBy.District && await access.HasAsync(RecognitionPermissions.DecideForDistrict, application.DistrictId, cancellationToken)));

    /// <summary>The applications the signed-in person may decide: waiting first (oldest first), then the latest decided.</summary>
    internal async Task<IReadOnlyList<RecognitionApplication>> QueueAsync(bool decided, CancellationToken cancellationToken)
    {
        var states = (await programmes.ReviewedStatesAsync(cancellationToken)).Select(s => s.Id).ToList();
        var districts = (await access.ScopeAsync(RecognitionPermissions.DecideForDistrict, cancellationToken)) is { IsEmpty: false } scope ? scope : null;
        var districtIds = districts?.OrganizationIds.ToList() ?? [];
        var all = districts?.All == true;
        var me = access.PersonId ?? Guid.Empty;
        var query = db.Set<RecognitionApplication>().AsNoTracking()
            .Where(a => a.PersonId != me && (states.Contains(a.StateId) || (a.Approval == ApprovalBy.District && (all || districtIds.Contains(a.DistrictId)))));
        query = decided
            ? query.Where(a => a.Status == ApplicationStatus.Approved || a.Status == ApplicationStatus.Declined)
            : query.Where(a => a.Status == ApplicationStatus.Waiting || a.Status == ApplicationStatus.MoreAsked);
        var list = await query.ToListAsync(cancellationToken);
        return decided ? list.OrderByDescending(a => a.DecidedAt).Take(100).ToList() : list.OrderBy(a => a.Status).ThenBy(a => a.SubmittedAt).ToList();
    }

    /// <summary>A reviewer's decision: approve (units read again with the cycle as it stands now), ask for more, or decline with a reason.</summary>
    public async Task DecideAsync(Guid id, Decision decision, string? message, CancellationToken cancellationToken)
    {
        var application = await db.Set<RecognitionApplication>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application == null || !await MayDecideAsync(application, cancellationToken))
        {
            throw new RuleException("No such application among those you decide.");
        }

        if (application.Status != ApplicationStatus.Waiting && !(application.Status == ApplicationStatus.MoreAsked && decision == Decision.Decline))
        {
            throw new RuleException(application.Status == ApplicationStatus.MoreAsked
                ? "The educator has been asked for more; it can be decided once they answer (or declined)."
                : "This application has already been decided.");
        }

        message = (message ?? "").Trim();
        if (message.Length > MaxNoteLength || (decision != Decision.Approve && message.Length == 0))
        {
            throw new RuleException(decision == Decision.Approve ? $"The message can be at most {MaxNoteLength} characters."
                : decision == Decision.AskForMore ? "Say what more you need: the educator is sent your words." : "Give the reason for declining: the educator is sent it.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        application.ReviewerMessage = message.Length > 0 ? message : null;
        switch (decision)
        {
            case Decision.Approve:
            {
                var view = await programmes.ProgrammeAsync(application.ProgrammeId, cancellationToken) ?? throw new InvalidOperationException("The programme is gone.");
                var version = view.Stored.First(v => v.Id == application.VersionId);
                var items = await db.Set<ApplicationItem>().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
                var revoked = await RefreshAsync(application, items, cancellationToken);
                await EvaluateAsync(application, items, view, version, refuseUnmet: false, cancellationToken);
                foreach (var item in revoked)
                {
                    item.Reason = "Revoked by its issuer since the application was made: it counts nothing.";
                }

                application.Status = ApplicationStatus.Approved;
                break;
            }

            case Decision.AskForMore:
                application.Status = ApplicationStatus.MoreAsked;
                break;
            default:
                application.Status = ApplicationStatus.Declined;
                break;
        }

        if (decision != Decision.AskForMore)
        {
            application.DecidedAt = now;
            application.DecidedBy = access.PersonId;
        }

        var person = (await people.GetAsync([application.PersonId], cancellationToken)).First();
        await NotifyAsync(application, person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken); // a second reviewer deciding at once: the concurrency token refuses one
    }

    /// <summary>The educator answers a request for more: a note and more credentials; the application waits again.</summary>
    internal async Task AnswerAsync(Applicant applicant, Guid id, string? note, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken)
    {
        var application = await db.Set<RecognitionApplication>().FirstOrDefaultAsync(a => a.Id == id && a.PersonId == applicant.Person.Id, cancellationToken)
            ?? throw new RuleException("No such application of yours.");
        if (application.Status != ApplicationStatus.MoreAsked)
        {
            throw new RuleException("Nothing more has been asked of this application.");
        }

        note = (note ?? "").Trim();
        if (note.Length is 0 or > MaxNoteLength)
        {
            throw new RuleException($"Answer the reviewer in a few words (at most {MaxNoteLength} characters), and upload anything they asked for.");
        }

        var added = await VerifyUploadsAsync(applicant, uploads, cancellationToken);
        var items = await db.Set<ApplicationItem>().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var next = items.Count == 0 ? 0 : items.Max(i => i.Position) + 1;
        foreach (var candidate in added.Cast<UploadedCandidate>())
        {
            var item = new ApplicationItem
            {
                ApplicationId = id, Position = next++, ItemKey = candidate.Key, Kind = candidate.Kind, Source = candidate.Source, Name = Cut(candidate.Name, 300), Hours = candidate.Hours,
                EarnedOn = candidate.EarnedOn, IssuerUrl = candidate.IssuerUrl, IssuerName = candidate.IssuerName is { } n ? Cut(n, 200) : null, Recognised = candidate.Recognised, Verification = candidate.Verification, UploadedJson = candidate.Json,
            };
            db.Add(item);
            items.Add(item);
        }

        var view = await programmes.ProgrammeAsync(application.ProgrammeId, cancellationToken) ?? throw new InvalidOperationException("The programme is gone.");
        await EvaluateAsync(application, items, view, view.Stored.First(v => v.Id == application.VersionId), refuseUnmet: false, cancellationToken);
        application.Note = Cut(string.IsNullOrEmpty(application.Note) ? note : $"{application.Note}\n\nAnswer ({Today:d MMM yyyy}): {note}", 8000);
        application.Status = ApplicationStatus.Waiting;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Tells the educator (mail and in the site), and the feed when decided.</summary>
    private async Task NotifyAsync(RecognitionApplication application, PersonInfo person, CancellationToken cancellationToken)
    {
        var link = $"{origin.Value}/me/recognition/{application.Id}";
        var key = $"recognition:{application.Id}:{application.Status}";
        switch (application.Status)
        {
            case ApplicationStatus.Waiting:
                await mail.QueueAsync(RecognitionEmails.Received.Name, person.Email,
                    new Dictionary<string, object?> { ["name"] = person.DisplayName, ["programme"] = application.ProgrammeName, ["summary"] = application.Summary, ["link"] = link },
                    application.StateId, key, cancellationToken);
                await inbox.AddAsync(person.Id, $"Your application for {application.ProgrammeName} is with the reviewers.", $"/me/recognition/{application.Id}", key, cancellationToken);
                break;
            case ApplicationStatus.MoreAsked:
                key += $":{clock.GetUtcNow().UtcDateTime.Ticks}"; // each request for more is told
                await mail.QueueAsync(RecognitionEmails.MoreAsked.Name, person.Email,
                    new Dictionary<string, object?> { ["name"] = person.DisplayName, ["programme"] = application.ProgrammeName, ["message"] = application.ReviewerMessage, ["link"] = link },
                    application.StateId, key, cancellationToken);
                await inbox.AddAsync(person.Id, $"The reviewer of your application for {application.ProgrammeName} asks for more.", $"/me/recognition/{application.Id}", key, cancellationToken);
                break;
            default:
                var approved = application.Status == ApplicationStatus.Approved;
                var outcome = approved ? "Approved" : "Declined";
                await mail.QueueAsync(RecognitionEmails.Decided.Name, person.Email,
                    new Dictionary<string, object?>
                    {
                        ["name"] = person.DisplayName, ["programme"] = application.ProgrammeName, ["outcome"] = outcome,
                        ["summary"] = approved ? application.Summary : "", ["message"] = application.ReviewerMessage ?? (application.ByRule ? "Approved by rule: every credential is endorsed by the state." : ""), ["link"] = link,
                    },
                    application.StateId, key, cancellationToken);
                await inbox.AddAsync(person.Id, $"Your application for {application.ProgrammeName} was {outcome.ToLowerInvariant()}.", $"/me/recognition/{application.Id}", key, cancellationToken);
                events.Add(new RecognitionDecided(application.Id, application.StateId, application.PersonId, approved, application.DecidedAt ?? clock.GetUtcNow().UtcDateTime));
                break;
        }
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
