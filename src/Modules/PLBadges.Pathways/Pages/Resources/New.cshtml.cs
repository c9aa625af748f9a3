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
using PLBadges.Pathways.Recipes;

namespace PLBadges.Pathways.Pages.Resources;

/// <summary>A district admin adds and tags a resource for the district (a platform admin, a shared one).</summary>
[RequirePermission(PathwayPermissions.Names.Author)]
public sealed class NewModel(IAccessControl access, IDistrictContext districts, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    public static readonly string[] GradeBands = ["K-2", "3-5", "6-8", "9-12"];

    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    public string OwnerName { get; private set; } = "";

    public IReadOnlyList<string> FocusAreas { get; private set; } = [];

    private Guid? owner;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!SeedContent.IsWebAddress(Input.Url))
        {
            ModelState.AddModelError("Input.Url", "Enter a web address that starts with https://.");
        }

        if (!SeedContent.ResourceTypes.Contains(Input.Type))
        {
            ModelState.AddModelError("Input.Type", "Choose one of the types listed.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var baseSlug = string.Join('-', PLBadges.Pathways.Resources.ResourceIndex.Words(Input.Title).Take(8));
        var slug = string.IsNullOrEmpty(baseSlug) ? "resource" : baseSlug;
        for (var n = 2; await db.Set<Resource>().AnyAsync(r => r.Slug == slug && r.OwnerOrganizationId == owner, cancellationToken); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        db.Add(new Resource
        {
            Slug = slug,
            OwnerOrganizationId = owner,
            Title = Input.Title.Trim(),
            Summary = Input.Summary.Trim(),
            Url = new Uri(Input.Url.Trim()).ToString(),
            Type = Input.Type,
            FocusArea = Input.FocusArea.Trim(),
            GradeBands = ResourceFields.Join(Input.Grades.Where(GradeBands.Contains)),
            Tags = ResourceFields.Join(Input.Tags.Split(',').Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()),
            Minutes = Input.Minutes,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Added {Input.Title.Trim()} to the resource bank.";
        return Redirect("/resources?q=" + Uri.EscapeDataString(Input.Title.Trim()));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        FocusAreas = await db.Set<Pathway>().Select(p => p.FocusArea).Distinct().OrderBy(f => f).ToListAsync(cancellationToken);
        if ((await access.ScopeAsync(PathwayPermissions.Author, cancellationToken)).All)
        {
            owner = null;
            OwnerName = "every district (shared)";
            return true;
        }

        var choice = await districts.ResolveAsync(PathwayPermissions.Author, null, cancellationToken);
        owner = choice.Current?.Id;
        OwnerName = choice.Current?.Name ?? "";
        return choice.Current != null;
    }

    public sealed class ResourceInput
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(300)]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Enter the web address.")]
        [StringLength(1000)]
        public string Url { get; set; } = "";

        public string Summary { get; set; } = "";

        public string Type { get; set; } = "article";

        [StringLength(100)]
        public string FocusArea { get; set; } = "";

        public List<string> Grades { get; set; } = [];

        [StringLength(900)]
        public string Tags { get; set; } = "";

        [Range(1, 6000, ErrorMessage = "Enter the minutes, from 1 to 6000.")]
        public int Minutes { get; set; } = 15;
    }
}
