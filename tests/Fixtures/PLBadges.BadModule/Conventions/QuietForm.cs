using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Organizations.Contracts;

namespace PLBadges.BadModule.Conventions;

/// <summary>
/// Breaks three rules at once: a bound property MVC silently ignores (it is internal), a policy naming a
/// permission no module declares (a typo of People.Manage), and a use of Organizations, which
/// BrokenModule does not declare as a dependency.
/// </summary>
[Authorize(Policy = "permission:People.Mange")]
public sealed class QuietFormModel(IOrganizationDirectory organizations) : PageModel
{
    [BindProperty]
    internal string Name { get; set; } = "";

    public async Task<string?> SchoolNameAsync(Guid id) => (await organizations.GetAsync(id))?.Name;
}
