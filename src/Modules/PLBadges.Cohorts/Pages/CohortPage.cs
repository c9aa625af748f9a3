using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Cohorts.Academy;
using PLBadges.Data;

namespace PLBadges.Cohorts.Pages;

/// <summary>
/// The pages' one way with a change: make it and go on (a redirect), or, when the rules refuse it,
/// forget whatever it had begun, say why (422) and show the page again as it stands.
/// </summary>
public abstract class CohortPage : PageModel
{
    /// <summary>Makes the change; on a refusal, reloads the page (false when the person may no longer see it: 404).</summary>
    protected async Task<IActionResult> ChangeOrRefuseAsync(Func<Task<IActionResult>> change, Func<Task<bool>> reload)
    {
        try
        {
            return await change();
        }
        catch (CohortRuleException problem)
        {
            HttpContext.RequestServices.GetRequiredService<PLBadgesDbContext>().ChangeTracker.Clear(); // the request's unit of work
            ModelState.AddModelError(string.Empty, problem.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await reload() ? Page() : NotFound();
        }
    }
}
