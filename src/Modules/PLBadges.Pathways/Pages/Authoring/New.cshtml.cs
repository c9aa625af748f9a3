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

/// <summary>A new micro-credential at the end of a pathway the author may edit; it belongs to the pathway's owner.</summary>
[RequirePermission(PathwayPermissions.Names.Author)]
public sealed class NewModel(IAccessControl access, PLBadgesDbContext db, Publishing publishing, TimeProvider clock) : PageModel
{
    private static readonly MicroCredentialContent Outline = new()
    {
        Title = "Title of the micro-credential",
        EstimatedHours = 15,
        Competency = "The educator ...",
        KeyMethod = "The method in two to four sentences.",
        MethodComponents = [new("First component", "What a coach can look for.")],
        Submission =
        [
            new(SubmissionParts.Overview, "Overview questions", 20, ["A question about the teacher's context and plan."], [new("A criterion", "What met looks like.")]),
            new(SubmissionParts.Artifacts, "Artifacts of classroom practice", 30, ["What to upload, with student names and identifiers removed."], [new("A criterion", "What met looks like.")]),
            new(SubmissionParts.Reflection, "Reflection on impact", 20, ["What changed for students, and what next?"], [new("A criterion", "What met looks like.")]),
        ],
        Body = "## Why it matters\n\nThe background a teacher reads before starting.",
    };

    private Pathway pathway = null!;

    [BindProperty]
    public string Text { get; set; } = "";

    public string PathwaySlug { get; private set; } = "";

    public string PathwayTitle { get; private set; } = "";

    public MicroCredentialContent? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string pathway, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(pathway, cancellationToken))
        {
            return NotFound();
        }

        Text = ContentText.Write("new-micro-credential", Outline);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string pathway, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(pathway, cancellationToken))
        {
            return NotFound();
        }

        Preview = (await ParseAsync(cancellationToken))?.Content;
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string pathway, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(pathway, cancellationToken))
        {
            return NotFound();
        }

        if (await ParseAsync(cancellationToken) is not { } parsed)
        {
            return Page();
        }

        if (!Editing.Publishable(publishing, parsed.Slug, parsed.Content, ModelState, nameof(Text)))
        {
            return Page();
        }

        var pathwayId = this.pathway.Id;
        var position = (await db.Set<MicroCredential>().Where(m => m.PathwayId == pathwayId).MaxAsync(m => (int?)m.Position, cancellationToken) ?? 0) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var credential = new MicroCredential { Slug = parsed.Slug, OwnerOrganizationId = this.pathway.OwnerOrganizationId, PathwayId = pathwayId, Position = position, CreatedAt = now, UpdatedAt = now };
        db.Add(credential);
        await publishing.PublishAsync(credential, parsed.Content, access.PersonId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Published {parsed.Content.Title} as version 1.";
        return Redirect($"/authoring/micro-credentials/{credential.Slug}");
    }

    private async Task<(string Slug, MicroCredentialContent Content)?> ParseAsync(CancellationToken cancellationToken)
    {
        if (await Editing.ParseAsync(db, pathway.OwnerOrganizationId, Text, ModelState, nameof(Text), cancellationToken) is not { } parsed)
        {
            return null;
        }

        if (parsed.Slug == "new-micro-credential" || await db.Set<MicroCredential>().AnyAsync(m => m.Slug == parsed.Slug, cancellationToken))
        {
            ModelState.AddModelError(nameof(Text), $"Give the micro-credential a slug of its own; '{parsed.Slug}' is taken.");
            return null;
        }

        return parsed;
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await db.Set<Pathway>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (found == null || !Editing.MayEdit(await access.ScopeAsync(PathwayPermissions.Author, cancellationToken), found.OwnerOrganizationId))
        {
            return false;
        }

        pathway = found;
        PathwaySlug = found.Slug;
        PathwayTitle = found.Title;
        return true;
    }
}
