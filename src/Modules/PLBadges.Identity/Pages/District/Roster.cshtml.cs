using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Roster;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District;

/// <summary>
/// Roster import in two steps: upload and preview (nothing changes), then confirm. The package
/// waits in the file store between the two, so any node can take the confirmation.
/// </summary>
[RequirePermission(IdentityPermissions.Names.ImportRoster)]
[RequestSizeLimit(RosterImport.MaxUploadBytes + 64 * 1024)]
public sealed class RosterModel(IDistrictContext districts, RosterImport import, RosterSync sync, IAccessControl access) : PageModel, IRefusablePage
{
    /// <summary>Rows listed on the page; the counts always cover them all.</summary>
    public const int ShownRows = 1000;

    [BindProperty(SupportsGet = true)]
    public Guid? District { get; set; }

    public DistrictChoice Choice { get; private set; } = null!;

    /// <summary>The preview, or after confirmation what was imported.</summary>
    public RosterPlan? Plan { get; private set; }

    public Guid? Upload { get; private set; }

    public string? FileName { get; private set; }

    public bool Imported { get; private set; }

    /// <summary>The preview is a scheduled sync's, stopped before deactivating too many people.</summary>
    public bool FromSync { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        // A sync that stopped waits here for an admin: its preview, planned against the district as it is now.
        if (await sync.PendingAsync(Choice.Current!.Id, cancellationToken) is { } pending && await import.FindKeptAsync(Choice.Current.Id, pending, cancellationToken) is { } kept)
        {
            Plan = await import.PreviewAsync(Choice.Current.Id, kept.Package, cancellationToken);
            (Upload, FileName, FromSync) = (pending, kept.FileName, true);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool invite, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (file == null || file.Length == 0)
        {
            throw new RuleException("Choose a roster file: a OneRoster package (.zip) or a CSV file.", "file");
        }

        RosterPackage package;
        await using (var stream = file.OpenReadStream())
        {
            package = await import.ReadAsync(stream, cancellationToken);
        }

        FileName = Path.GetFileName(file.FileName);
        Plan = await import.PreviewAsync(Choice.Current!.Id, package, cancellationToken);
        if (Plan.CanImport)
        {
            Upload = await import.KeepAsync(Plan, FileName, invite, access.PersonId, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid upload, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        Plan = await import.ConfirmAsync(Choice.Current!.Id, upload, access.PersonId, cancellationToken);
        if (Plan == null)
        {
            throw new RuleException("That preview is no longer waiting: it was imported already, or belongs to another district. Upload the file again.");
        }

        Imported = true;
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken cancellationToken) =>
        !await ReloadAsync(cancellationToken) ? NotFound()
        : format == "csv" ? File(RosterTemplates.SimpleCsv(), "text/csv; charset=utf-8", "roster-template.csv")
        : File(RosterTemplates.OneRoster12Zip(), "application/zip", "oneroster-1.2-template.zip");

    public async Task<IActionResult> OnGetGuideAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? File(RosterTemplates.Guide(), "text/markdown; charset=utf-8", "roster-guide.md") : NotFound();

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ImportRoster, District, cancellationToken);
        if (Choice.Current == null || (District != null && District != Choice.Current.Id))
        {
            return false;
        }

        District = Choice.Current.Id;
        return true;
    }
}
