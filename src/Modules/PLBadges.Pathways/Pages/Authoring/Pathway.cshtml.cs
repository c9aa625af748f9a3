using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Content;

namespace PLBadges.Pathways.Pages.Authoring;

/// <summary>
/// Create a district's own pathway, or edit one the author may edit (a district's own; the shared ones
/// for platform admins). A new pathway belongs to the author's district and is offered there at once.
/// </summary>
[RequirePermission(PathwayPermissions.Names.Author)]
public sealed class PathwayModel(IAccessControl access, IDistrictContext districts, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Badge colours on which white text and the symbol keep at least 4.5:1 contrast.</summary>
    public static readonly (string Value, string Name)[] Colors =
        [("#1d4ed8", "Blue"), ("#9a3412", "Rust"), ("#047857", "Green"), ("#6d28d9", "Violet"), ("#b42318", "Red"), ("#0e7490", "Teal"), ("#374151", "Graphite")];

    [BindProperty]
    public PathwayInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public string? Slug { get; private set; }

    public string OwnerName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken cancellationToken)
    {
        if (slug == null)
        {
            return await NewAsync(cancellationToken) ? Page() : NotFound();
        }

        var pathway = await EditableAsync(slug, cancellationToken);
        if (pathway == null)
        {
            return NotFound();
        }

        Slug = pathway.Slug;
        Input = new PathwayInput
        {
            Title = pathway.Title, Slug = pathway.Slug, FocusArea = pathway.FocusArea, Summary = pathway.Summary, Color = pathway.Color, Icon = pathway.Icon,
            CapstoneTitle = pathway.CapstoneTitle, CapstoneDescription = pathway.CapstoneDescription, Body = pathway.Body,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken cancellationToken)
    {
        Pathway? pathway = null;
        Guid? owner = null;
        if (slug == null)
        {
            if (!await NewAsync(cancellationToken))
            {
                return NotFound();
            }

            owner = districtId;
            Input.Slug = Input.Slug.Trim().ToLowerInvariant();
            if (!SeedContent.IsSlug(Input.Slug))
            {
                ModelState.AddModelError("Input.Slug", "Use lower-case letters, digits and dashes for the slug.");
            }
            else if (await db.Set<Pathway>().AnyAsync(p => p.Slug == Input.Slug, cancellationToken))
            {
                ModelState.AddModelError("Input.Slug", "Another pathway already uses this slug.");
            }
        }
        else
        {
            pathway = await EditableAsync(slug, cancellationToken);
            if (pathway == null)
            {
                return NotFound();
            }

            Slug = pathway.Slug;
        }

        if (Colors.All(c => c.Value != Input.Color))
        {
            ModelState.AddModelError("Input.Color", "Choose one of the colors listed.");
        }

        if (!SeedContent.Icons.Contains(Input.Icon))
        {
            ModelState.AddModelError("Input.Icon", "Choose one of the symbols listed.");
        }

        if (SeedContent.HasRawHtml(Input.Body))
        {
            ModelState.AddModelError("Input.Body", "Write Markdown only: raw HTML is not allowed.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (pathway == null)
        {
            pathway = new Pathway { Slug = Input.Slug, Title = Input.Title, OwnerOrganizationId = owner, Status = ContentStatus.Published, CreatedAt = now };
            db.Add(pathway);
            if (owner != null)
            {
                db.Add(new PathwayOffer { DistrictId = owner.Value, PathwayId = pathway.Id, OfferedAt = now });
            }
        }
        else
        {
            db.Attach(pathway);
        }

        pathway.Title = Input.Title.Trim();
        pathway.FocusArea = Input.FocusArea.Trim();
        pathway.Summary = Input.Summary.Trim();
        pathway.Color = Input.Color;
        pathway.Icon = Input.Icon;
        pathway.CapstoneTitle = Input.CapstoneTitle.Trim();
        pathway.CapstoneDescription = Input.CapstoneDescription.Trim();
        pathway.Body = Input.Body.Trim();
        pathway.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Saved the pathway {pathway.Title}.";
        return Redirect($"/authoring/pathways/{pathway.Slug}");
    }

    private Guid? districtId;

    /// <summary>A platform admin's new pathway is shared; a district admin's belongs to their district.</summary>
    private async Task<bool> NewAsync(CancellationToken cancellationToken)
    {
        IsNew = true;
        if ((await access.ScopeAsync(PathwayPermissions.Author, cancellationToken)).All)
        {
            districtId = null;
            OwnerName = "the platform (shared with every district)";
            return true;
        }

        var choice = await districts.ResolveAsync(PathwayPermissions.Author, null, cancellationToken);
        districtId = choice.Current?.Id;
        OwnerName = choice.Current?.Name ?? "";
        return choice.Current != null;
    }

    private async Task<Pathway?> EditableAsync(string slug, CancellationToken cancellationToken)
    {
        var pathway = await db.Set<Pathway>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        return pathway != null && Editing.MayEdit(await access.ScopeAsync(PathwayPermissions.Author, cancellationToken), pathway.OwnerOrganizationId) ? pathway : null;
    }

    public sealed class PathwayInput
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(200)]
        public string Title { get; set; } = "";

        public string Slug { get; set; } = "";

        [Required(ErrorMessage = "Enter the focus area.")]
        [StringLength(100)]
        public string FocusArea { get; set; } = "";

        [Required(ErrorMessage = "Enter a short summary.")]
        public string Summary { get; set; } = "";

        public string Color { get; set; } = "#1d4ed8";

        public string Icon { get; set; } = "prism";

        [Required(ErrorMessage = "Enter the capstone badge's title.")]
        [StringLength(200)]
        public string CapstoneTitle { get; set; } = "";

        public string CapstoneDescription { get; set; } = "";

        public string Body { get; set; } = "";
    }
}
