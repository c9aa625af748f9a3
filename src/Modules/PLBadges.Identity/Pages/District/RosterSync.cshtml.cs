using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Roster;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District;

/// <summary>A district's automatic roster sync: where the roster comes from, how often, and what each run did.</summary>
[RequirePermission(IdentityPermissions.Names.ImportRoster)]
public sealed class RosterSyncModel(IDistrictContext districts, PLBadgesDbContext db, RosterSyncSettings settings, RosterSync sync) : PageModel, IRefusablePage
{
    public const int ShownRuns = 20;

    [BindProperty(SupportsGet = true)]
    public Guid? District { get; set; }

    public DistrictChoice Choice { get; private set; } = null!;

    [BindProperty]
    public RosterSyncSource Source { get; set; } = RosterSyncSource.Sftp;

    [BindProperty]
    public bool Enabled { get; set; }

    [BindProperty]
    public int EveryHours { get; set; } = 24;

    [BindProperty]
    public int AtHour { get; set; } = 2;

    /// <summary>The district's time zone: the daily hour is given and shown in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    [BindProperty]
    public string? SftpHost { get; set; }

    [BindProperty]
    public int SftpPort { get; set; } = 22;

    [BindProperty]
    public string? SftpUser { get; set; }

    [BindProperty]
    public string? SftpPassword { get; set; }

    [BindProperty]
    public string? SftpPrivateKey { get; set; }

    [BindProperty]
    public string? SftpPath { get; set; }

    [BindProperty]
    public string? HostKeyFingerprint { get; set; }

    [BindProperty]
    public string? RestBaseUrl { get; set; }

    [BindProperty]
    public string? RestTokenUrl { get; set; }

    [BindProperty]
    public string? RestClientId { get; set; }

    [BindProperty]
    public string? RestClientSecret { get; set; }

    public bool Saved { get; private set; }

    public bool HasSftpKey { get; private set; }

    public bool HasSftpPassword { get; private set; }

    public bool HasRestSecret { get; private set; }

    public DateTime? NextRunAt { get; private set; }

    public bool Waiting { get; private set; }

    internal List<RosterSyncRun> Runs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (await db.Set<RosterSyncSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == District, cancellationToken) is { } saved)
        {
            (Source, Enabled, EveryHours, AtHour) = (saved.Source, saved.Enabled, saved.EveryHours, saved.AtHour);
            (SftpHost, SftpPort, SftpUser, SftpPath) = (saved.SftpHost, saved.SftpPort, saved.SftpUser, saved.SftpPath);
            HostKeyFingerprint = saved.HostKeyFingerprint == null ? null : "SHA256:" + saved.HostKeyFingerprint;
            (RestBaseUrl, RestTokenUrl, RestClientId) = (saved.RestBaseUrl, saved.RestTokenUrl, saved.RestClientId);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        await settings.SaveAsync(new RosterSyncInput(District!.Value, Source, Enabled, EveryHours, AtHour, SftpHost, SftpPort, SftpUser, SftpPassword, SftpPrivateKey, SftpPath, HostKeyFingerprint,
            RestBaseUrl, RestTokenUrl, RestClientId, RestClientSecret), cancellationToken);
        TempData["Status"] = "The roster sync settings are saved. Passwords, keys and secrets are kept encrypted and are not shown again.";
        return RedirectToPage(new { district = District });
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!Saved)
        {
            throw new RuleException("Save the sync settings first.");
        }

        var outcome = await sync.RunAsync(District!.Value, cancellationToken);
        TempData["Status"] = outcome switch
        {
            RosterSyncOutcome.Applied => "The roster was fetched and applied.",
            RosterSyncOutcome.WaitingForAdmin => "The sync stopped before deactivating many people: review its preview on the roster import page.",
            _ => "The sync failed and nothing was changed: see why below.",
        };
        return RedirectToPage(new { district = District });
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ImportRoster, District, cancellationToken);
        if (Choice.Current == null || (District != null && District != Choice.Current.Id))
        {
            return false;
        }

        District = Choice.Current.Id;
        Zone = Choice.Current.Zone;
        var saved = await db.Set<RosterSyncSetting>().AsNoTracking().Where(s => s.DistrictId == District)
            .Select(s => new { s.ProtectedSftpKey, s.ProtectedSftpPassword, s.ProtectedRestSecret, s.NextRunAt, s.Enabled, s.PendingUploadId }).FirstOrDefaultAsync(cancellationToken);
        Saved = saved != null;
        (HasSftpKey, HasSftpPassword, HasRestSecret) = (saved?.ProtectedSftpKey != null, saved?.ProtectedSftpPassword != null, saved?.ProtectedRestSecret != null);
        NextRunAt = saved is { Enabled: true } ? saved.NextRunAt : null;
        Waiting = saved?.PendingUploadId is { } pending && await db.Set<RosterUpload>().AnyAsync(u => u.Id == pending && u.ImportedAt == null, cancellationToken);
        Runs = await db.Set<RosterSyncRun>().AsNoTracking().Where(r => r.DistrictId == District).OrderByDescending(r => r.StartedAt).Take(ShownRuns).ToListAsync(cancellationToken);
        return true;
    }
}
