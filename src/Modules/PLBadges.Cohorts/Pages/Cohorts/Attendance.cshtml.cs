using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Cohorts.Academy;

namespace PLBadges.Cohorts.Pages.Cohorts;

/// <summary>
/// /cohorts/sessions/{id}/attendance: a phone-sized sheet on which the academy's facilitator (or a
/// district admin) ticks who came. Anyone else is told there is no such session.
/// </summary>
[Authorize]
public sealed class AttendanceModel(CohortService cohorts) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AttendanceSheet Sheet { get; private set; } = null!;

    public bool Saved { get; private set; }

    [BindProperty]
    public List<Guid> Present { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await cohorts.RecordAttendanceAsync(Id, Present.Distinct().ToList(), cancellationToken);
        return Redirect($"/cohorts/sessions/{Id}/attendance?saved=true");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (await cohorts.SheetAsync(Id, cancellationToken) is not { } sheet)
        {
            return false;
        }

        Sheet = sheet;
        return true;
    }
}
