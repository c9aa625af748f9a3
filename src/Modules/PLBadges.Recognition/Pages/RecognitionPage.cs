using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Display;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Pages;

/// <summary>
/// The pages' one way with a change: make it and go on (a redirect), or, when the rules refuse it,
/// a form value cannot be read, or another request changed the same thing at the same moment,
/// forget what it had begun, say why (422) and show the page again.
/// </summary>
public abstract class RecognitionPage : PageModel
{
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
        catch (RecognitionRuleException problem)
        {
            return await RefuseAsync(problem.Message, reload);
        }
        catch (DbUpdateException)
        {
            return await RefuseAsync("Someone else changed this at the same moment; the page shows where things stand now.", reload);
        }
    }

    private async Task<IActionResult> RefuseAsync(string reason, Func<Task<bool>> reload)
    {
        HttpContext.RequestServices.GetRequiredService<PLBadgesDbContext>().ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, reason);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await reload() ? Page() : NotFound();
    }

    /// <summary>Reads uploaded files (at most 1 MB each) into uploads.</summary>
    internal static async Task<IReadOnlyList<Upload>> UploadsAsync(IEnumerable<IFormFile>? files, CancellationToken cancellationToken)
    {
        var list = new List<Upload>();
        foreach (var file in (files ?? []).Where(f => f.Length > 0))
        {
            var name = DisplayText.Clean(Path.GetFileName(file.FileName));
            if (file.Length > 1024 * 1024)
            {
                throw new RecognitionRuleException($"{name} is larger than the 1 MB a credential or badge image may be.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            list.Add(new Upload(name, file.ContentType, buffer.ToArray()));
        }

        return list;
    }
}

/// <summary>A state reviewer's page: the states they review, and the one shown (the first unless one is asked for).</summary>
public abstract class StatePage(ProgrammeService programmes) : RecognitionPage
{
    protected ProgrammeService ProgrammeService => programmes;

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
