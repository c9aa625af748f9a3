using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Cohorts.Academy;
using PLBadges.Data;

namespace PLBadges.Cohorts.Pages;

/// <summary>
/// The pages' one way with a change: make it and go on (a redirect), or, when the rules refuse it,
/// a form value cannot be read, or another request made the same change at the same moment (a key
/// the database holds unique), forget whatever it had begun, say why (422) and show the page again.
/// </summary>
public abstract class CohortPage : PageModel
{
    /// <summary>Makes the change; on a refusal, reloads the page (false when the person may no longer see it: 404).</summary>
    protected async Task<IActionResult> ChangeOrRefuseAsync(Func<Task<IActionResult>> change, Func<Task<bool>> reload)
    {
        if (!ModelState.IsValid)
        {
            return await RefuseAsync("Some of the form's values could not be read; check them and try again.", reload);
        }

        try
        {
            return await change();
        }
        catch (CohortRuleException problem)
        {
            return await RefuseAsync(problem.Message, reload);
        }
        catch (DbUpdateException)
        {
            return await RefuseAsync("The same change was just made by another request; the page shows where things stand.", reload);
        }
    }

    private async Task<IActionResult> RefuseAsync(string reason, Func<Task<bool>> reload)
    {
        HttpContext.RequestServices.GetRequiredService<PLBadgesDbContext>().ChangeTracker.Clear(); // the request's unit of work
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, reason);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await reload() ? Page() : NotFound();
    }
}
