using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Content;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Pages.Authoring;

/// <summary>
/// Edit a micro-credential as text: preview it, keep a draft, publish it as the next version, or retire
/// it. Someone who may not edit it (another district, a teacher) is answered as if it did not exist.
/// </summary>
[RequirePermission(PathwayPermissions.Names.Author)]
public sealed class EditModel(IAccessControl access, PLBadgesDbContext db, Publishing publishing, TimeProvider clock) : PageModel
{
    private MicroCredential credential = null!;

    [BindProperty]
    public string Text { get; set; } = "";

    public string Title { get; private set; } = "";

    public string State { get; private set; } = "";

    public int? PublishedVersion { get; private set; }

    public bool HasDraft { get; private set; }

    public MicroCredentialContent? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var draft = await DraftAsync(cancellationToken);
        var current = draft ?? await db.Set<MicroCredentialVersion>().AsNoTracking().Where(v => v.MicroCredentialId == credential.Id).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
        Text = ContentText.Write(credential.Slug, ContentJson.Deserialize(current.ContentJson));
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Preview = await ParseAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (await ParseAsync(cancellationToken) is not { } content)
        {
            return Page();
        }

        var draft = await DraftAsync(cancellationToken, tracked: true);
        if (draft == null)
        {
            draft = new MicroCredentialVersion { MicroCredentialId = credential.Id, Number = 0, Title = content.Title, ContentJson = "", ContentHash = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(draft);
        }

        draft.Title = content.Title;
        draft.EstimatedHours = content.EstimatedHours;
        draft.ContentJson = ContentJson.Serialize(content);
        draft.ContentHash = ContentJson.Hash(content);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Draft saved. Teachers still see the published version.";
        return Redirect($"/authoring/micro-credentials/{slug}");
    }

    public async Task<IActionResult> OnPostPublishAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (await ParseAsync(cancellationToken) is not { } content)
        {
            return Page();
        }

        if (!Editing.Publishable(publishing, slug, content, ModelState, nameof(Text)))
        {
            return Page();
        }

        var (published, version) = await db.InTransactionAsync(async ct =>
        {
            var tracked = await db.Set<MicroCredential>().FirstAsync(m => m.Id == credential.Id, ct);
            if (await DraftAsync(ct, tracked: true) is { } draft)
            {
                db.Remove(draft);
                await db.SaveChangesAsync(ct);
            }

            return (await publishing.PublishAsync(tracked, content, access.PersonId, ct), tracked.PublishedVersion);
        }, cancellationToken);
        TempData["Status"] = published ? $"Published as version {version}." : "Nothing changed, so no new version was made.";
        return Redirect($"/authoring/micro-credentials/{slug}");
    }

    public async Task<IActionResult> OnPostRetireAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var tracked = await db.Set<MicroCredential>().FirstAsync(m => m.Id == credential.Id, cancellationToken);
        tracked.Status = ContentStatus.Retired;
        tracked.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Retired: teachers can no longer start it; work already started keeps its version.";
        return Redirect($"/authoring/micro-credentials/{slug}");
    }

    private async Task<MicroCredentialContent?> ParseAsync(CancellationToken cancellationToken)
    {
        if (await Editing.ParseAsync(db, credential.OwnerOrganizationId, Text, ModelState, nameof(Text), cancellationToken) is not { } parsed)
        {
            return null;
        }

        if (parsed.Slug != credential.Slug)
        {
            ModelState.AddModelError(nameof(Text), $"The slug must stay '{credential.Slug}'.");
            return null;
        }

        return parsed.Content;
    }

    private Task<MicroCredentialVersion?> DraftAsync(CancellationToken cancellationToken, bool tracked = false)
    {
        var versions = tracked ? db.Set<MicroCredentialVersion>() : db.Set<MicroCredentialVersion>().AsNoTracking();
        return versions.FirstOrDefaultAsync(v => v.MicroCredentialId == credential.Id && v.PublishedAt == null, cancellationToken);
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await db.Set<MicroCredential>().AsNoTracking().FirstOrDefaultAsync(m => m.Slug == slug, cancellationToken);
        if (found == null || !Editing.MayEdit(await access.ScopeAsync(PathwayPermissions.Author, cancellationToken), found.OwnerOrganizationId))
        {
            return false;
        }

        credential = found;
        State = found.Status.ToString();
        PublishedVersion = found.PublishedVersion;
        HasDraft = await DraftAsync(cancellationToken) != null;
        Title = await db.Set<MicroCredentialVersion>().Where(v => v.MicroCredentialId == found.Id).OrderByDescending(v => v.Number).Select(v => v.Title).FirstAsync(cancellationToken);
        return true;
    }
}
