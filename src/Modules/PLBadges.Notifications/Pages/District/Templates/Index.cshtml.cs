using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Notifications.Mail;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Notifications.Pages.District.Templates;

[RequirePermission(NotificationsModule.Names.EditTemplates)]
public sealed class IndexModel(IDistrictContext districts, IEnumerable<EmailTemplateDefinition> templates, PLBadgesDbContext db) : PageModel
{
    public DistrictChoice Choice { get; private set; } = null!;

    public IReadOnlyList<EmailTemplateDefinition> Templates { get; private set; } = [];

    public IReadOnlySet<string> Overridden { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(NotificationsModule.EditTemplates, district, cancellationToken);
        if (Choice.Current == null)
        {
            return NotFound();
        }

        var districtId = Choice.Current.Id;
        Templates = templates.OrderBy(t => t.Description).ToList();
        Overridden = (await db.Set<EmailTemplateOverride>().Where(o => o.OrganizationId == districtId).Select(o => o.Template).ToListAsync(cancellationToken)).ToHashSet();
        return Page();
    }
}
