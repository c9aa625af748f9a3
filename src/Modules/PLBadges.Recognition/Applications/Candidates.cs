using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Coaching.Contracts;
using PLBadges.Cohorts.Contracts;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Applications;

/// <summary>Something the educator may put in an application, with what the state makes of it.</summary>
public record Candidate(string Key, ItemKind Kind, ItemSource Source, string Name, decimal Hours, DateOnly EarnedOn, Guid? MicroCredentialId, Guid? PathwayId,
    string? IssuerUrl, string? IssuerName, bool Recognised, bool Endorsed)
{
    /// <summary>The candidate as an item of an application, at a position.</summary>
    internal ApplicationItem ToItem(Guid applicationId, int position) => new()
    {
        ApplicationId = applicationId,
        Position = position,
        ItemKey = Key,
        Kind = Kind,
        Source = Source,
        Name = Cut(Name, 300),
        Hours = Hours,
        EarnedOn = EarnedOn,
        MicroCredentialId = MicroCredentialId,
        PathwayId = PathwayId,
        IssuerUrl = IssuerUrl,
        IssuerName = IssuerName is { } n ? Cut(n, 200) : null,
        Recognised = Recognised,
        Endorsed = Endorsed,
        Verification = this is UploadedCandidate u ? u.Verification : Source == ItemSource.Issued ? "Issued on this site; checked by the credentials module (not revoked)." : "From the site's records.",
        UploadedJson = (this as UploadedCandidate)?.Json,
    };

    internal static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>A candidate brought as a file, verified.</summary>
internal sealed record UploadedCandidate(string Key, string Name, decimal Hours, DateOnly EarnedOn, string? IssuerUrl, string? IssuerName, bool Recognised, string Verification, string? Json)
    : Candidate(Key, ItemKind.MicroCredential, ItemSource.Uploaded, Name, Hours, EarnedOn, null, null, IssuerUrl, IssuerName, Recognised, false);

/// <summary>A file brought to an application: a credential from elsewhere.</summary>
public sealed record Upload(string FileName, string? ContentType, byte[] Bytes);

internal static class StateEndorsements
{
    /// <summary>The micro-credentials the state endorses now.</summary>
    public static async Task<IReadOnlySet<Guid>> EndorsedNowAsync(this IEndorsements endorsements, Guid stateId, CancellationToken cancellationToken) =>
        (await endorsements.ByEndorserAsync(stateId, cancellationToken)).Where(e => e.WithdrawnAt == null).Select(e => e.MicroCredentialId).ToHashSet();
}

/// <summary>
/// What an educator may bring to an application: the credentials they hold (each with whether the
/// state recognises and endorses it), the coaching and academy hours of the renewal cycle not brought
/// before, and credentials from elsewhere, verified as they are uploaded.
/// </summary>
public sealed class ApplicationCandidates(
    PLBadgesDbContext db,
    IOrganizationDirectory organizations,
    ICredentialHoldings holdings,
    ICredentialChecks checks,
    IEndorsements endorsements,
    ICoachingHours coaching,
    IAcademyAttendance academy,
    IMicroCredentialCatalog catalog,
    ProgrammeService programmes,
    TimeProvider clock)
{
    public const int MaxUploads = 5;
    private const int MaxStoredJson = 200_000;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The credentials the educator holds and the hours of the current renewal cycle, with what the state makes of each.</summary>
    /// <param name="programmeId">The programme applied to: hours already brought to it this cycle (waiting or approved) are not offered again; only what has been added since.</param>
    internal async Task<IReadOnlyList<Candidate>> CandidatesAsync(Applicant applicant, RenewalRules? renewal, Guid programmeId, CancellationToken cancellationToken)
    {
        var held = (await holdings.HeldByAsync(applicant.Person.Id, cancellationToken)).Where(c => !c.Revoked && c.Kind != HeldKind.Award).ToList();
        var issuers = (await organizations.ListAsync(held.Select(h => h.IssuerId).Distinct(), cancellationToken)).ToDictionary(o => o.Id);
        var trusted = (await programmes.TrustedIssuersAsync(applicant.State.Id, cancellationToken)).Select(t => t.IssuerUrl).ToHashSet(StringComparer.Ordinal);
        var endorsed = await endorsements.EndorsedNowAsync(applicant.State.Id, cancellationToken);
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

    /// <summary>What the educator has brought to applications of the programme still waiting (or asked for more): not brought twice.</summary>
    public async Task<IReadOnlySet<string>> PendingKeysAsync(Guid personId, Guid programmeId, CancellationToken cancellationToken) =>
        (await (from a in db.Set<RecognitionApplication>().AsNoTracking()
                where a.PersonId == personId && a.ProgrammeId == programmeId && (a.Status == ApplicationStatus.Waiting || a.Status == ApplicationStatus.MoreAsked)
                join i in db.Set<ApplicationItem>().AsNoTracking() on a.Id equals i.ApplicationId
                select i.ItemKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Verifies each uploaded credential as the educator's; one that fails refuses them all, naming it and why.</summary>
    internal async Task<IReadOnlyList<UploadedCandidate>> VerifyUploadsAsync(Applicant applicant, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken)
    {
        if (uploads.Count > MaxUploads)
        {
            throw new RuleException($"Upload at most {MaxUploads} credentials at a time.");
        }

        var trusted = (await programmes.TrustedIssuersAsync(applicant.State.Id, cancellationToken)).ToDictionary(t => t.IssuerUrl, StringComparer.Ordinal);
        var list = new List<UploadedCandidate>();
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
            list.Add(new UploadedCandidate(Candidate.Cut(result.Id ?? upload.FileName, 600), name, result.Hours, DateOnly.FromDateTime(result.ValidFrom ?? clock.GetUtcNow().UtcDateTime),
                result.IssuerId is { } url ? Candidate.Cut(url, 600) : null, trust?.Name ?? result.IssuerName, trust != null,
                Candidate.Cut(string.Join(" ", result.Checks.Select(c => $"{c.Name}: {(c.Passed ? "passed" : "failed")} ({c.Message})")), 4000), json));
        }

        return list;
    }
}
