using System.Net;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Roster;

/// <summary>Where a district's roster comes from on its schedule.</summary>
public enum RosterSyncSource
{
    /// <summary>A OneRoster CSV package (or the simple CSV) the district's system drops on an SFTP server.</summary>
    Sftp,

    /// <summary>A OneRoster 1.2 REST service, read with OAuth 2.0 client credentials.</summary>
    OneRosterRest,
}

/// <summary>What one scheduled sync did.</summary>
public enum RosterSyncOutcome
{
    Applied,

    /// <summary>It would have deactivated more than the share a sync may: nothing changed; its preview waits for an admin.</summary>
    WaitingForAdmin,

    /// <summary>Nothing changed: the source could not be reached, or the package could not be imported.</summary>
    Failed,
}

/// <summary>
/// A district's automatic roster sync: the source, its credentials (secrets encrypted with the site's
/// Data Protection key ring and never shown again), the schedule, and where the last pull left off.
/// </summary>
internal sealed class RosterSyncSetting
{
    public Guid DistrictId { get; set; }

    public RosterSyncSource Source { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Hours between runs: 1 to 12, or 24 for once a day at <see cref="AtHour"/>.</summary>
    public int EveryHours { get; set; } = 24;

    /// <summary>The hour of the daily run in the district's own time zone (so it stays at 2 AM local through daylight saving).</summary>
    public int AtHour { get; set; } = 2;

    public string? SftpHost { get; set; }

    public int SftpPort { get; set; } = 22;

    public string? SftpUser { get; set; }

    public string? ProtectedSftpPassword { get; set; }

    public string? ProtectedSftpKey { get; set; }

    /// <summary>The path of the package (a .zip, or the simple CSV) on the server.</summary>
    public string? SftpPath { get; set; }

    /// <summary>The server's host key, as OpenSSH prints it (SHA256, base64 without padding): any other key is refused.</summary>
    public string? HostKeyFingerprint { get; set; }

    /// <summary>The service's base URL; the API lives under <c>/ims/oneroster/rostering/v1p2</c>.</summary>
    public string? RestBaseUrl { get; set; }

    public string? RestTokenUrl { get; set; }

    public string? RestClientId { get; set; }

    public string? ProtectedRestSecret { get; set; }

    public DateTime? NextRunAt { get; set; }

    /// <summary>When the last applied pull began: the next delta asks for what changed since.</summary>
    public DateTime? LastPulledAt { get; set; }

    /// <summary>When the last applied full pull began (a full pull finds leavers a delta never names).</summary>
    public DateTime? LastFullPullAt { get; set; }

    /// <summary>A sync's kept preview waiting for an admin's confirmation on the roster page.</summary>
    public Guid? PendingUploadId { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One run of a district's sync, shown on the sync page.</summary>
internal sealed class RosterSyncRun
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    public RosterSyncSource Source { get; set; }

    /// <summary>"full", "delta" (REST) or "file" (SFTP).</summary>
    public required string Kind { get; set; }

    public RosterSyncOutcome Outcome { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Invited { get; set; }

    public int Deactivated { get; set; }

    public int Refused { get; set; }

    public required string Message { get; set; }

    public Guid? UploadId { get; set; }
}

/// <summary>A district's sync settings as its admin gives them; a null or empty secret keeps the one stored.</summary>
public sealed record RosterSyncInput(
    Guid DistrictId,
    RosterSyncSource Source,
    bool Enabled,
    int EveryHours,
    int AtHour,
    string? SftpHost,
    int SftpPort,
    string? SftpUser,
    string? SftpPassword,
    string? SftpPrivateKey,
    string? SftpPath,
    string? HostKeyFingerprint,
    string? RestBaseUrl,
    string? RestTokenUrl,
    string? RestClientId,
    string? RestClientSecret);

/// <summary>Saves a district's sync settings, checked at the edge; keeps the secrets encrypted.</summary>
public sealed class RosterSyncSettings(PLBadgesDbContext db, IDataProtectionProvider protection, OutboundAddressPolicy outbound, IOrganizationDirectory organizations, TimeProvider clock)
{
    public static readonly int[] Intervals = [1, 2, 3, 4, 6, 8, 12, 24];

    private const string Purpose = "PLBadges.Identity.RosterSync";

    internal string Protect(string secret) => protection.CreateProtector(Purpose).Protect(secret);

    internal string? Unprotect(string? secret) => secret == null ? null : protection.CreateProtector(Purpose).Unprotect(secret);

    /// <summary>The fingerprint as OpenSSH prints it after "SHA256:" (base64 of 32 bytes, no padding), or null when it is not one.</summary>
    public static string? NormalizeFingerprint(string? text)
    {
        var bare = (text ?? "").Trim();
        if (bare.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
        {
            bare = bare[7..];
        }

        bare = bare.TrimEnd('=');
        try
        {
            return Convert.FromBase64String(bare + new string('=', (4 - (bare.Length % 4)) % 4)).Length == 32 ? bare : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The next run (UTC) after <paramref name="now"/> (UTC): every few hours, or once a day at the hour
    /// in <paramref name="zone"/>. An hour that daylight saving skips runs at the first hour after the
    /// jump; an hour it repeats runs at the first of the two.
    /// </summary>
    public static DateTime NextRun(int everyHours, int atHour, TimeZoneInfo zone, DateTime now)
    {
        if (everyHours < 24)
        {
            return now.AddHours(everyHours);
        }

        var localToday = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(now, DateTimeKind.Utc), zone).Date;
        for (var day = 0; ; day++)
        {
            var local = DateTime.SpecifyKind(localToday.AddDays(day).AddHours(atHour), DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }

            var utc = zone.IsAmbiguousTime(local)
                ? local - zone.GetAmbiguousTimeOffsets(local).Max()
                : TimeZoneInfo.ConvertTimeToUtc(local, zone);
            if (utc > now)
            {
                return DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
            }
        }
    }

    /// <summary>The district's time zone, in which its admin gives the hour of the daily sync.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(Guid districtId, CancellationToken cancellationToken) =>
        (await organizations.GetAsync(districtId, cancellationToken))?.Zone ?? TimeZoneInfo.Utc;

    /// <summary>The district's next run after <paramref name="now"/>, its daily hour read in the district's time zone.</summary>
    internal async Task<DateTime> NextRunAsync(Guid districtId, int everyHours, int atHour, DateTime now, CancellationToken cancellationToken) =>
        NextRun(everyHours, atHour, await ZoneAsync(districtId, cancellationToken), now);

    public async Task SaveAsync(RosterSyncInput input, CancellationToken cancellationToken)
    {
        if (!Intervals.Contains(input.EveryHours))
        {
            throw new RuleException("Choose how often the roster is fetched.", "EveryHours");
        }

        if (input.AtHour is < 0 or > 23)
        {
            throw new RuleException("Choose an hour of the day.", "AtHour");
        }

        var setting = await db.Set<RosterSyncSetting>().FirstOrDefaultAsync(s => s.DistrictId == input.DistrictId, cancellationToken);
        var isNew = setting == null;
        setting ??= new RosterSyncSetting { DistrictId = input.DistrictId };
        var sourceChanged = !isNew && setting.Source != input.Source;
        if (input.Source == RosterSyncSource.Sftp)
        {
            SaveSftp(setting, input);
        }
        else
        {
            SaveRest(setting, input);
        }

        if (sourceChanged)
        {
            // Another source: where the last pull left off means nothing to it.
            setting.LastPulledAt = setting.LastFullPullAt = null;
        }

        setting.Source = input.Source;
        setting.Enabled = input.Enabled;
        setting.EveryHours = input.EveryHours;
        setting.AtHour = input.AtHour;
        var now = clock.GetUtcNow().UtcDateTime;
        setting.NextRunAt = input.Enabled ? await NextRunAsync(input.DistrictId, input.EveryHours, input.AtHour, now, cancellationToken) : null;
        setting.UpdatedAt = now;
        if (isNew)
        {
            db.Add(setting);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private void SaveSftp(RosterSyncSetting setting, RosterSyncInput input)
    {
        var host = (input.SftpHost ?? "").Trim();
        if (host.Length is 0 or > 253 || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            throw new RuleException("Enter the SFTP server's host name, such as sftp.sis.example.org.", "SftpHost");
        }

        if (!outbound.IsAllowedPrivately(host) && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var literal) && OutboundAddressPolicy.SpecialPurpose(literal) != null)))
        {
            throw new RuleException($"{host} is not on the public internet: the site does not connect to its own network.", "SftpHost");
        }

        if (input.SftpPort is < 1 or > 65535)
        {
            throw new RuleException("Enter the port, from 1 to 65535 (SFTP's usual port is 22).", "SftpPort");
        }

        var user = (input.SftpUser ?? "").Trim();
        if (user.Length is 0 or > 100)
        {
            throw new RuleException("Enter the user name PLBadges signs in with.", "SftpUser");
        }

        var path = (input.SftpPath ?? "").Trim();
        if (path.Length is 0 or > 500 || path.EndsWith('/'))
        {
            throw new RuleException("Enter the path of the roster file on the server, such as /outbox/oneroster.zip.", "SftpPath");
        }

        var fingerprint = NormalizeFingerprint(input.HostKeyFingerprint)
            ?? throw new RuleException("Enter the server's host key fingerprint as ssh-keygen -lf prints it, such as SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s.", "HostKeyFingerprint");

        var key = input.SftpPrivateKey?.Trim();
        if (!string.IsNullOrEmpty(key))
        {
            try
            {
                using var parsed = new Renci.SshNet.PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(key + "\n")));
            }
            catch (Exception problem) when (problem is Renci.SshNet.Common.SshException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
            {
                throw new RuleException("This is not a private key PLBadges can read: paste an OpenSSH or PEM private key without a passphrase.", "SftpPrivateKey");
            }

            setting.ProtectedSftpKey = Protect(key + "\n");
        }

        if (!string.IsNullOrEmpty(input.SftpPassword))
        {
            setting.ProtectedSftpPassword = Protect(input.SftpPassword);
        }

        if (setting.ProtectedSftpKey == null && setting.ProtectedSftpPassword == null)
        {
            throw new RuleException("Enter a private key (recommended) or a password for the SFTP account.", "SftpPrivateKey");
        }

        (setting.SftpHost, setting.SftpPort, setting.SftpUser, setting.SftpPath, setting.HostKeyFingerprint) = (host, input.SftpPort, user, path, fingerprint);
    }

    private void SaveRest(RosterSyncSetting setting, RosterSyncInput input)
    {
        var baseUrl = CheckUrl(input.RestBaseUrl, "RestBaseUrl", "Enter the OneRoster service's base URL, such as https://sis.example.org (PLBadges adds /ims/oneroster/rostering/v1p2).");
        var tokenUrl = CheckUrl(input.RestTokenUrl, "RestTokenUrl", "Enter the token URL the service gave you, such as https://sis.example.org/oauth/token.");
        var clientId = (input.RestClientId ?? "").Trim();
        if (clientId.Length is 0 or > 256)
        {
            throw new RuleException("Enter the client id the OneRoster service gave you.", "RestClientId");
        }

        if (!string.IsNullOrEmpty(input.RestClientSecret))
        {
            setting.ProtectedRestSecret = Protect(input.RestClientSecret);
        }
        else if (setting.ProtectedRestSecret == null)
        {
            throw new RuleException("Enter the client secret the OneRoster service gave you.", "RestClientSecret");
        }

        (setting.RestBaseUrl, setting.RestTokenUrl, setting.RestClientId) = (baseUrl, tokenUrl, clientId);
    }

    private string CheckUrl(string? text, string field, string ask)
    {
        var trimmed = (text ?? "").Trim().TrimEnd('/');
        if (trimmed.Length is 0 or > 500 || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new RuleException(ask, field);
        }

        if (outbound.CheckUrl(uri) is { } why)
        {
            throw new RuleException(why, field);
        }

        return trimmed;
    }
}
