using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Notifications.Mail;
using PLBadges.Notifications.Templates;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Notifications.Pages.District.Templates;

[RequirePermission(NotificationsModule.Names.EditTemplates)]
public sealed class EditModel(IDistrictContext districts, IEnumerable<EmailTemplateDefinition> templates, PLBadgesDbContext db, TemplateRenderer renderer, IAccessControl access, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public Guid? District { get; set; }

    [BindProperty]
    public string Subject { get; set; } = "";

    [BindProperty]
    public string Body { get; set; } = "";

    public EmailTemplateDefinition Definition { get; private set; } = null!;

    public string DistrictName { get; private set; } = "";

    public bool HasOverride { get; private set; }

    public string? PreviewSubject { get; private set; }

    public string? PreviewBody { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var existing = await LoadAsync(cancellationToken);
        if (Definition == null)
        {
            return NotFound();
        }

        Subject = existing?.Subject ?? Definition.Subject;
        Body = existing?.Body ?? Definition.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Definition == null)
        {
            return NotFound();
        }

        if (await CheckAsync())
        {
            (PreviewSubject, PreviewBody) = (await renderer.RenderAsync(Subject, Sample()), await renderer.RenderAsync(Body, Sample()));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var existing = await LoadAsync(cancellationToken);
        if (Definition == null)
        {
            return NotFound();
        }

        if (!await CheckAsync())
        {
            return Page();
        }

        if (existing == null)
        {
            existing = new EmailTemplateOverride { OrganizationId = District!.Value, Template = Name, Subject = Subject, Body = Body };
            db.Add(existing);
        }

        existing.Subject = Subject.Trim();
        existing.Body = Body;
        existing.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        existing.UpdatedBy = access.PersonId;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Saved the wording of \"{Definition.Description}\".";
        return Redirect($"/district/templates?district={District}");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var existing = await LoadAsync(cancellationToken);
        if (Definition == null)
        {
            return NotFound();
        }

        if (existing != null)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = $"\"{Definition.Description}\" uses the platform's default wording again.";
        return Redirect($"/district/templates?district={District}");
    }

    private Dictionary<string, object?> Sample() => Definition.WithAliases(Definition.Fields.ToDictionary(f => f, f => (object?)$"[{f}]"));

    /// <summary>The wording must parse and render (with sample values), so a saved template never breaks the district's email.</summary>
    private async Task<bool> CheckAsync()
    {
        if (string.IsNullOrWhiteSpace(Subject))
        {
            ModelState.AddModelError(nameof(Subject), "Enter a subject.");
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            ModelState.AddModelError(nameof(Body), "Enter the message.");
        }

        foreach (var (field, text) in new[] { (nameof(Subject), Subject), (nameof(Body), Body) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (TemplateRenderer.Validate(text) is { } error)
            {
                ModelState.AddModelError(field, $"The {field.ToLowerInvariant()} is not valid Liquid: {error}");
                continue;
            }

            try
            {
                await renderer.RenderAsync(text, Sample());
            }
            catch (Exception ex) when (ex is InvalidOperationException or Fluid.LiquidException or ArgumentException or FormatException)
            {
                ModelState.AddModelError(field, $"The {field.ToLowerInvariant()} cannot be rendered: {ex.Message}");
            }
        }

        return ModelState.IsValid;
    }

    private async Task<EmailTemplateOverride?> LoadAsync(CancellationToken cancellationToken)
    {
        var choice = await districts.ResolveAsync(NotificationsModule.EditTemplates, District, cancellationToken);
        Definition = templates.FirstOrDefault(t => t.Name == Name)!;
        if (choice.Current == null || Definition == null || (District != null && choice.Current.Id != District))
        {
            Definition = null!;
            return null;
        }

        District = choice.Current.Id;
        DistrictName = choice.Current.Name;
        var districtId = choice.Current.Id;
        var existing = await db.Set<EmailTemplateOverride>().FirstOrDefaultAsync(o => o.OrganizationId == districtId && o.Template == Name, cancellationToken);
        HasOverride = existing != null;
        return existing;
    }
}
