using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Pages;

/// <summary>
/// A state reviewer's page: the states they review, and the one shown (the first unless one is asked
/// for, in the address or the form); shown again for the same state after a refused change.
/// </summary>
public abstract class StatePage(ProgrammeService programmes) : PageModel, IRefusablePage
{
    protected ProgrammeService ProgrammeService => programmes;

    [BindProperty(SupportsGet = true, Name = "state")]
    public Guid? StateId { get; set; }

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(StateId, cancellationToken);

    /// <summary>The state asked for, when the person keeps its programs; else refused.</summary>
    protected async Task<Guid> KeptStateAsync(CancellationToken cancellationToken)
    {
        var state = StateId ?? throw new RuleException("Choose the state.");
        await programmes.MayKeepAsync(state, cancellationToken);
        return state;
    }

    public IReadOnlyList<OrganizationInfo> States { get; private set; } = [];

    public OrganizationInfo? State { get; private set; }

    /// <summary>
    /// Chooses the state and loads the page for it; false when one was asked for that the person does
    /// not review (the page answers 404). With no state at all, the page says the person reviews for none.
    /// </summary>
    protected async Task<bool> LoadAsync(Guid? stateId, CancellationToken cancellationToken)
    {
        States = await programmes.ReviewedStatesAsync(cancellationToken);
        State = stateId is { } id ? States.FirstOrDefault(s => s.Id == id) : States.FirstOrDefault();
        if (State != null)
        {
            await LoadStateAsync(State, cancellationToken);
        }

        return State != null || stateId == null;
    }

    /// <summary>What the page shows of the chosen state.</summary>
    protected abstract Task LoadStateAsync(OrganizationInfo state, CancellationToken cancellationToken);
}
