using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Dashboard;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Pages.State;

/// <summary>/state: the state's figures (aggregates only; small counts suppressed) and their CSV.</summary>
[RequirePermission(RecognitionPermissions.Names.Review)]
public sealed class DashboardModel(ProgrammeService programmes, StateDashboard dashboard) : StatePage(programmes)
{
    public StateFigures? Figures { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? state, CancellationToken cancellationToken) =>
        await LoadAsync(state, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(Guid? state, CancellationToken cancellationToken) =>
        await LoadAsync(state, cancellationToken) && State != null
            ? File(Encoding.UTF8.GetBytes(StateDashboard.ToCsv(State.Name, Figures!)), Csv.ContentType, $"{State.Code}-recognition-figures.csv")
            : NotFound();

    protected override async Task LoadStateAsync(OrganizationInfo state, CancellationToken cancellationToken)
    {
        Figures = await dashboard.BuildAsync(state.Id, cancellationToken);
    }
}
