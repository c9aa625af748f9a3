using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Coaching.Contracts;
using PLBadges.Cohorts.Contracts;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Rules;
using PLBadges.Typesetting;

namespace PLBadges.Recognition.Transcripts;

/// <summary>An educator's choice to share their transcript: whoever has the link reads it, until they stop sharing (a new link each time).</summary>
internal sealed class TranscriptShare
{
    public Guid PersonId { get; set; }

    public required string Token { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed record TranscriptCredential(string Name, string Kind, string Issuer, decimal Hours, DateOnly Earned, bool Revoked, string Url);

public sealed record TranscriptSession(string Academy, string Title, DateOnly On, decimal Hours);

public sealed record TranscriptRecognition(string Programme, string Outcome, decimal Units, string UnitName, DateOnly DecidedOn, string EducatorNumber);

/// <summary>An educator's professional learning transcript: credentials, coaching and academy hours, and what states recognised.</summary>
public sealed record Transcript(
    string Name,
    DateTime GeneratedAt,
    IReadOnlyList<string> EducatorNumbers,
    IReadOnlyList<TranscriptCredential> Credentials,
    decimal CredentialHours,
    decimal CoachingHours,
    IReadOnlyList<TranscriptSession> Sessions,
    decimal AcademyHours,
    IReadOnlyList<TranscriptRecognition> Recognitions)
{
    public decimal TotalHours => CredentialHours + CoachingHours + AcademyHours;

    /// <summary>What a share link shows: as the public profile, no revoked credential; and no licence number.</summary>
    public Transcript ForSharing() => this with
    {
        EducatorNumbers = [],
        Credentials = Credentials.Where(c => !c.Revoked).ToList(),
        Recognitions = Recognitions.Select(r => r with { EducatorNumber = "" }).ToList(),
    };
}

/// <summary>Builds transcripts, keeps share links, and writes a transcript as CSV and PDF.</summary>
public sealed class TranscriptService(
    PLBadgesDbContext db,
    IPeopleDirectory people,
    ICredentialHoldings holdings,
    IOrganizationDirectory organizations,
    ICoachingHours coaching,
    IAcademyAttendance academy,
    TimeProvider clock)
{
    public async Task<Transcript?> BuildAsync(Guid personId, CancellationToken cancellationToken)
    {
        if ((await people.GetAsync([personId], cancellationToken)).FirstOrDefault() is not { } person)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var held = await holdings.HeldByAsync(personId, cancellationToken);
        var issuers = (await organizations.ListAsync(held.Select(h => h.IssuerId).Distinct(), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var credentials = held.Select(c => new TranscriptCredential(c.Name, c.Kind switch { HeldKind.MicroCredential => "Micro-credential", HeldKind.Pathway => "Pathway", _ => "Award" },
            issuers.GetValueOrDefault(c.IssuerId) ?? "", c.Hours, DateOnly.FromDateTime(c.IssuedAt), c.Revoked, c.Url)).ToList();
        var coached = await coaching.HoursAsync(personId, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), now, cancellationToken);
        var sessions = (await academy.AttendedByAsync(personId, cancellationToken)).Where(s => s.StartUtc <= now)
            .Select(s => new TranscriptSession(s.Academy, s.Title, DateOnly.FromDateTime(s.StartUtc), s.Hours)).ToList();
        var decided = await db.Set<RecognitionApplication>().AsNoTracking()
            .Where(a => a.PersonId == personId && a.Status == ApplicationStatus.Approved).ToListAsync(cancellationToken);
        var recognitions = decided.OrderBy(a => a.DecidedAt).Select(a => new TranscriptRecognition(a.ProgrammeName,
            a.Kind == ProgrammeKind.Renewal ? $"{a.UnitsGranted:0.##} {a.UnitName} toward license renewal" : "Advancement granted",
            a.UnitsGranted, a.UnitName, DateOnly.FromDateTime(a.DecidedAt ?? a.SubmittedAt), a.EducatorNumber)).ToList();
        var numbers = await db.Set<EducatorLicence>().AsNoTracking().Where(l => l.PersonId == personId).Select(l => l.EducatorNumber).ToListAsync(cancellationToken);
        return new Transcript(person.DisplayName, now, numbers, credentials, credentials.Where(c => !c.Revoked && c.Kind == "Micro-credential").Sum(c => c.Hours),
            coached, sessions, sessions.Sum(s => s.Hours), recognitions);
    }

    internal async Task<TranscriptShare?> ShareOfAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.Set<TranscriptShare>().AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId, cancellationToken);

    /// <summary>Shares the transcript by a new unguessable link (the old one, if any, stops working).</summary>
    public async Task<string> ShareAsync(Guid personId, CancellationToken cancellationToken)
    {
        await db.Set<TranscriptShare>().Where(s => s.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        db.Add(new TranscriptShare { PersonId = personId, Token = token, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public Task StopSharingAsync(Guid personId, CancellationToken cancellationToken) =>
        db.Set<TranscriptShare>().Where(s => s.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

    public async Task<Guid?> SharedByAsync(string token, CancellationToken cancellationToken) =>
        token.Length is > 0 and <= 40 ? await db.Set<TranscriptShare>().AsNoTracking().Where(s => s.Token == token).Select(s => (Guid?)s.PersonId).FirstOrDefaultAsync(cancellationToken) : null;

    public static string ToCsv(Transcript t) => Csv.Write(
        ["Section", "Item", "Detail", "Date", "Hours", "Units"],
        t.Credentials.Select(c => (IReadOnlyList<object?>)["Credential", c.Name, $"{c.Kind}, {c.Issuer}{(c.Revoked ? ", revoked" : "")}", c.Earned.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Hours, null])
            .Append(["Coaching", "Coaching hours", "", null, t.CoachingHours, null])
            .Concat(t.Sessions.Select(s => (IReadOnlyList<object?>)["Academy session", s.Title, s.Academy, s.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Hours, null]))
            .Concat(t.Recognitions.Select(r => (IReadOnlyList<object?>)["Recognition", r.Programme, $"{r.Outcome} (educator {r.EducatorNumber})", r.DecidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, r.Units]))
            .Append(["Total", "Hours of professional learning", "Micro-credentials, coaching and academy sessions", null, t.TotalHours, null]));

    /// <summary>
    /// The transcript as a PDF (Letter), paginated, set in the shipped fonts: names and titles in any script print
    /// as written (shaped, right-to-left where they are) and read back as text.
    /// </summary>
    public static byte[] ToPdf(Transcript t)
    {
        using var pdf = new PdfComposer(
            new PdfInfo($"Professional learning transcript: {t.Name}", "PLBadges", t.GeneratedAt) { Subject = "Professional learning transcript" },
            PageSize.Letter, margin: 60, footer: $"Professional learning transcript of {t.Name}, generated {t.GeneratedAt:d MMMM yyyy}");
        pdf.Heading("Professional learning transcript");
        pdf.Paragraph($"{t.Name}{(t.EducatorNumbers.Count > 0 ? $", educator number {string.Join(", ", t.EducatorNumbers)}" : "")}", 12);
        pdf.Paragraph($"Generated {t.GeneratedAt:d MMMM yyyy} by PLBadges. {HoursText.Of(t.TotalHours)} of professional learning: {HoursText.Of(t.CredentialHours)} in micro-credentials, {HoursText.Of(t.CoachingHours)} of coaching, {HoursText.Of(t.AcademyHours)} in academy sessions.");
        pdf.Heading("Credentials", 2);
        if (t.Credentials.Count == 0)
        {
            pdf.Paragraph("None yet.");
        }

        foreach (var c in t.Credentials)
        {
            pdf.Paragraph($"{c.Earned:d MMM yyyy}  {c.Name} ({c.Kind.ToLowerInvariant()}, {c.Issuer}){(c.Hours > 0 ? $", {HoursText.Of(c.Hours)}" : "")}{(c.Revoked ? ", REVOKED" : "")}");
            if (Uri.TryCreate(c.Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            {
                pdf.Link($"Verify: {c.Url}", url, 8, indent: 18);
            }
            else
            {
                pdf.Paragraph($"Verify: {c.Url}", 8, indent: 18);
            }
        }

        pdf.Heading("Coaching", 2);
        pdf.Paragraph($"{HoursText.Of(t.CoachingHours)} of coaching.");
        pdf.Heading("Academy sessions", 2);
        if (t.Sessions.Count == 0)
        {
            pdf.Paragraph("None yet.");
        }

        foreach (var s in t.Sessions)
        {
            pdf.Paragraph($"{s.On:d MMM yyyy}  {s.Title}, {s.Academy}, {HoursText.Of(s.Hours)}");
        }

        pdf.Heading("Recognitions", 2);
        if (t.Recognitions.Count == 0)
        {
            pdf.Paragraph("None yet.");
        }

        foreach (var r in t.Recognitions)
        {
            pdf.Paragraph($"{r.DecidedOn:d MMM yyyy}  {r.Programme}: {r.Outcome}");
        }

        return pdf.ToPdf();
    }
}
