using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Cohorts.Academy;

namespace PLBadges.Cohorts.Pages.Cohorts;

/// <summary>
/// /cohorts/sessions/{id}/attendance: a phone-sized sheet on which the academy's facilitator (or a
/// district admin) ticks who came. Anyone else is told there is no such session.
/// </summary>
[Authorize]
public sealed class AttendanceModel(CohortService cohorts) : PageModel
{
    public AttendanceSheet Sheet { get; private set; } = null!;

    public bool Saved { get; private set; }

    [BindProperty]
    public List<Guid> Present { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await cohorts.SheetAsync(id, cancellationToken) is { } sheet ? Show(sheet) : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await cohorts.RecordAttendanceAsync(id, Present.Distinct().ToList(), cancellationToken);
            return Redirect($"/cohorts/sessions/{id}/attendance?saved=true");
        }
        catch (CohortRuleException problem)
        {
            if (await cohorts.SheetAsync(id, cancellationToken) is not { } sheet)
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, problem.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Show(sheet);
        }
    }

    private PageResult Show(AttendanceSheet sheet)
    {
        Sheet = sheet;
        return Page();
    }
}
