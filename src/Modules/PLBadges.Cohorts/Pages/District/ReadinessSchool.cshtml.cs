using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Readiness;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/readiness/schools/{id}: one school's readiness, the verdict and its reasons first, then the
/// figures behind it and the rule. Only a school the dashboard would show this person (their district's
/// schools for an admin, their own for a school leader); any other id is not found.
/// </summary>
[RequirePermission(CohortPermissions.Names.Readiness)]
public sealed class ReadinessSchoolModel(ReadinessBoard board) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReadinessRow Row { get; private set; } = null!;

    public ReadinessBoardView Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Board = await board.BuildAsync(cancellationToken);
        if (Board.Rows.FirstOrDefault(r => r.School.Id == Id) is not { } row)
        {
            return NotFound();
        }

        Row = row;
        return Page();
    }
}
