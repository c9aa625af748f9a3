using System.Globalization;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.StateCredit;

/// <summary>A certificate ready to download.</summary>
public sealed record CertificateFile(byte[] Pdf, string FileName);

/// <summary>What the public check page of a short link shows: no more than a certificate's holder already shows by handing it over.</summary>
public sealed record CertificateCheck(string Educator, string Provider, string State, DateTime SignedAt, DateTime? WithdrawnAt, IReadOnlyList<(string Title, DateOnly CompletedOn, decimal Units, string UnitName)> Items);

/// <summary>
/// The states' certificates: one credential's or one signed-off batch's, for the educator and the district's signers
/// only (anyone else: not found), a district's zip per school or per month, and the short links printed on them. A
/// withdrawn sign-off has no certificate; a profile that needs no sign-off gives the educator one for each micro-credential
/// a district set up for it issued.
/// </summary>
public sealed class Certificates(
    PLBadgesDbContext db,
    IAccessControl access,
    IPeopleDirectory people,
    IOrganizationDirectory organizations,
    ICredentialHoldings holdings,
    SignOffs signOffs,
    DistrictSetup setup,
    ProfileCatalog profiles,
    EducatorStateIds ids,
    SiteOrigin origin,
    TimeProvider clock)
{
    /// <summary>One signed-off item's certificate, or null when the person may not have it (or its sign-off was withdrawn).</summary>
    public async Task<CertificateFile?> ItemAsync(long itemId, CancellationToken cancellationToken)
    {
        var item = await db.Set<SignOffItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        var signOff = item == null ? null : await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == item.SignOffId, cancellationToken);
        if (item == null || signOff == null || signOff.WithdrawnAt != null || !await signOffs.MaySeeAsync(signOff, cancellationToken))
        {
            return null;
        }

        return await WriteAsync(signOff, item, cancellationToken);
    }

    /// <summary>One item's certificate for a caller that has checked who asks (the benchmark calls it directly).</summary>
    internal async Task<CertificateFile?> WriteItemAsync(long itemId, CancellationToken cancellationToken)
    {
        var item = await db.Set<SignOffItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        var signOff = item == null ? null : await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == item.SignOffId, cancellationToken);
        return item == null || signOff == null ? null : await WriteAsync(signOff, item, cancellationToken);
    }

    private async Task<CertificateFile?> WriteAsync(SignOff signOff, SignOffItem item, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(signOff, [item], cancellationToken);
        return facts == null ? null : new CertificateFile(CertificateWriter.Write(facts), $"certificate-{facts.Definition.Jurisdiction.ToLowerInvariant()}-{item.Code}.pdf");
    }

    /// <summary>A signed-off batch's certificate, or null.</summary>
    public async Task<CertificateFile?> SignOffAsync(Guid signOffId, CancellationToken cancellationToken)
    {
        var signOff = await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == signOffId, cancellationToken);
        if (signOff == null || signOff.WithdrawnAt != null || !await signOffs.MaySeeAsync(signOff, cancellationToken))
        {
            return null;
        }

        var items = await db.Set<SignOffItem>().AsNoTracking().Where(i => i.SignOffId == signOffId).OrderBy(i => i.CompletedOn).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var facts = await FactsAsync(signOff, items, cancellationToken);
        return facts == null ? null : new CertificateFile(CertificateWriter.Write(facts), $"certificates-{facts.Definition.Jurisdiction.ToLowerInvariant()}-{signOff.Code}.pdf");
    }

    /// <summary>
    /// The educator's own certificate for a micro-credential, where the profile needs no district sign-off: issued by a
    /// district of theirs that is set up for the profile. Null otherwise (a profile needing sign-off gives certificates
    /// only for what was signed off).
    /// </summary>
    public async Task<CertificateFile?> CredentialAsync(string credentialId, Guid profileId, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return null;
        }

        var credential = (await holdings.HeldByAsync(me, cancellationToken)).FirstOrDefault(c => c.Id == credentialId && !c.Revoked && c.Kind == HeldKind.MicroCredential);
        var mine = (await ids.ProfilesOfAsync(me, cancellationToken)).FirstOrDefault(p => p.Provider.Profile.Profile.Id == profileId && credential != null && p.District.Id == credential.IssuerId);
        if (credential == null || mine == null || mine.Definition.SignOffRequired.Value)
        {
            return null;
        }

        var definition = mine.Definition;
        var basis = (await setup.BasesAsync(mine.District.Id, profileId, cancellationToken)).TryGetValue(credential.MicroCredentialId ?? Guid.Empty, out var chosen)
            && (chosen == CreditBasis.Hours || definition.Credit.PerMicroCredential.Value != null) ? chosen : Conversion.DefaultBasis(definition.Credit);
        var item = new CertificateItem(credential.Name, "", DateOnly.FromDateTime(credential.IssuedAt), credential.Hours, Conversion.Units(definition.Credit, basis, credential.Hours),
            definition.Credit.Unit.Value, null, credential.Url, null, credential.Id);
        var facts = new CertificateFacts(definition, (await people.GetAsync([me], cancellationToken)).FirstOrDefault()?.DisplayName ?? "", mine.Id?.Value, mine.Provider.Identity.ProviderName,
            mine.Provider.Identity.ProviderNumber, null, [item], null, clock.GetUtcNow().UtcDateTime);
        return new CertificateFile(CertificateWriter.Write(facts), $"certificate-{definition.Jurisdiction.ToLowerInvariant()}-{credential.Id}.pdf");
    }

    /// <summary>
    /// A district's certificates in one zip: one PDF per sign-off (not withdrawn) of the profile, for one school's educators
    /// or for the sign-offs of one month, one certificate at a time.
    /// </summary>
    public async Task<bool> ZipAsync(Stream output, Guid districtId, Guid profileId, Guid? schoolId, DateOnly? month, CancellationToken cancellationToken)
    {
        if (!await access.HasAsync(RecognitionPermissions.StateCredit, districtId, cancellationToken))
        {
            return false;
        }

        var query = db.Set<SignOff>().AsNoTracking().Where(s => s.DistrictId == districtId && s.ProfileId == profileId && s.WithdrawnAt == null);
        if (schoolId is { } school)
        {
            query = query.Where(s => s.SchoolId == school);
        }

        if (month is { } m)
        {
            var from = new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var until = from.AddMonths(1);
            query = query.Where(s => s.SignedAt >= from && s.SignedAt < until);
        }

        var ids = await query.OrderBy(s => s.SignedAt).Select(s => s.Id).ToListAsync(cancellationToken);

        // ZipArchive writes its headers synchronously, which the response stream refuses: the zip is made in a temporary
        // file (memory stays flat however many certificates) and then copied to the response.
        await using var buffer = new FileStream(Path.Combine(Path.GetTempPath(), $"plbadges-certificates-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var id in ids)
            {
                if (await SignOffAsync(id, cancellationToken) is { } certificate)
                {
                    var entry = zip.CreateEntry(certificate.FileName, CompressionLevel.Fastest);
                    await using var stream = entry.Open();
                    await stream.WriteAsync(certificate.Pdf, cancellationToken);
                }
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
        return true;
    }

    /// <summary>Where a short link leads: a credential's public page, or the check page of its sign-off (null: no such link).</summary>
    public async Task<(string? Redirect, CertificateCheck? Check)> FollowAsync(string code, CancellationToken cancellationToken)
    {
        if (code.Length is 0 or > 16)
        {
            return (null, null);
        }

        var item = await db.Set<SignOffItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item?.CredentialUrl is { } url)
        {
            return (url, null);
        }

        var signOff = item != null
            ? await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == item.SignOffId, cancellationToken)
            : await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, cancellationToken);
        if (signOff == null)
        {
            return (null, null);
        }

        var items = await db.Set<SignOffItem>().AsNoTracking().Where(i => i.SignOffId == signOff.Id && (item == null || i.Id == item.Id)).OrderBy(i => i.CompletedOn).ToListAsync(cancellationToken);
        var profile = await profiles.ProfileAsync(signOff.ProfileId, cancellationToken);
        var district = await organizations.GetAsync(signOff.DistrictId, cancellationToken);
        return (null, new CertificateCheck(Initials(signOff.EducatorName), district?.Name ?? "", profile?.Versions.FirstOrDefault(v => v.Stored.Id == signOff.ProfileVersionId).Definition?.StateName ?? "",
            signOff.SignedAt, signOff.WithdrawnAt, items.Select(i => (i.Title, i.CompletedOn, i.Units, i.UnitName)).ToList()));
    }

    private async Task<CertificateFacts?> FactsAsync(SignOff signOff, IReadOnlyList<SignOffItem> items, CancellationToken cancellationToken)
    {
        var profile = await profiles.ProfileAsync(signOff.ProfileId, cancellationToken);
        var definition = profile?.Versions.FirstOrDefault(v => v.Stored.Id == signOff.ProfileVersionId).Definition;
        var identity = await db.Set<ProviderIdentity>().AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == signOff.DistrictId && p.ProfileId == signOff.ProfileId, cancellationToken);
        if (profile == null || definition == null || identity == null || items.Count == 0)
        {
            return null;
        }

        var district = await organizations.GetAsync(signOff.DistrictId, cancellationToken);
        var educatorId = (await ids.IdsAsync(signOff.PersonId, cancellationToken)).GetValueOrDefault(definition.Jurisdiction)?.Value;
        var signed = $"Signed off by {signOff.SignedByName} for {district?.Name} on {signOff.SignedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} ({profile.Profile.Name}, version {signOff.ProfileVersion})";
        return new CertificateFacts(definition, signOff.EducatorName, educatorId, identity.ProviderName, identity.ProviderNumber, signed,
            items.Select(i => new CertificateItem(i.Title, i.Summary, i.CompletedOn, i.Hours, i.Units, i.UnitName, i.Category,
                i.Kind == ItemKind.MicroCredential ? i.CredentialUrl : null, $"{origin.Value}/c/{i.Code}", i.Code)).ToList(),
            $"{origin.Value}/c/{signOff.Code}", clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>"Maya T.": enough for a checker holding the certificate to match it, not a full name for anyone with the link.</summary>
    private static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= 1 ? name : $"{parts[0]} {parts[^1][0]}.";
    }
}
