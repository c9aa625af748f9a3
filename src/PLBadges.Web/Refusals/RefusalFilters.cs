using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;

namespace PLBadges.Web.Refusals;

/// <summary>
/// What a refusal is, wherever it happens: a <see cref="RuleException"/>, or another request having
/// just made the same change (a key the database holds unique). Either way the unit of work is
/// forgotten, so nothing of the refused change is saved by a later SaveChanges in the same request.
/// </summary>
internal static class Refusal
{
    public const string SameMoment = "The same change was just made by another request; the page shows where things stand now.";

    public static (string Message, string? Field)? Of(Exception exception) => exception switch
    {
        RuleException rule => (rule.Message, rule.Field),
        DbUpdateConcurrencyException => (SameMoment, null),
        DbUpdateException update when Duplicates.IsUniqueViolation(update) => (SameMoment, null),
        _ => null,
    };

    public static void Forget(HttpContext context) => context.RequestServices.GetRequiredService<PLBadgesDbContext>().ChangeTracker.Clear();
}

/// <summary>
/// Razor Pages: a refused change shows the page again (422) with the reason at its field, after the
/// page reloads what it shows (<see cref="IRefusablePage"/>). A form whose values could not be read
/// is refused the same way before its handler runs, each message at its field (except an upload
/// handler's, which reads its own body). A script that asked
/// for JSON (an autosave) gets the reason as problem details (422) instead of the page.
/// </summary>
internal sealed class RefusalPageFilter : IAsyncPageFilter
{
    public const string UnreadableForm = "Some of the form's values could not be read; check them and try again.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is not IRefusablePage page || HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            await next();
            return;
        }

        var model = (PageModel)context.HandlerInstance;
        // An upload handler reads its own body and explains a cut-off or oversized one (400, 413); binding's view of it is not a refusal.
        if (!context.ModelState.IsValid && !UploadAntiforgeryAttribute.IsUpload(context.HttpContext))
        {
            context.ModelState.AddModelError(string.Empty, UnreadableForm);
            context.Result = await ShowAgainAsync(model, page, context.HttpContext);
            return;
        }

        var executed = await next();
        if (executed.Exception is { } problem && !executed.ExceptionHandled && Refusal.Of(problem) is var (message, field))
        {
            executed.ExceptionHandled = true;
            Refusal.Forget(context.HttpContext);
            if (field != null)
            {
                // A message at its field replaces what model binding said there; the summary links to it.
                model.ModelState.Remove(field);
            }

            model.ModelState.AddModelError(field ?? string.Empty, message);
            executed.Result = await ShowAgainAsync(model, page, context.HttpContext);
        }
    }

    private static async Task<IActionResult> ShowAgainAsync(PageModel model, IRefusablePage page, HttpContext context)
    {
        if (WantsJson(context.Request))
        {
            var first = model.ModelState.FirstOrDefault(e => e.Value?.Errors.Count > 0);
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The change was refused.",
                Detail = string.Join(" ", model.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct()),
            };
            if (!string.IsNullOrEmpty(first.Key))
            {
                problem.Extensions["field"] = first.Key;
            }

            return new ObjectResult(problem) { StatusCode = StatusCodes.Status422UnprocessableEntity, ContentTypes = { "application/problem+json" } };
        }

        context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await page.ReloadAsync(context.RequestAborted) ? model.Page() : new NotFoundResult();
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Minimal API endpoints: a refused change answers 422 as <c>application/problem+json</c>, with the field when there is one.</summary>
internal sealed class RefusalEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception problem) when (Refusal.Of(problem) is not null)
        {
            var (message, field) = Refusal.Of(problem)!.Value;
            Refusal.Forget(context.HttpContext);
            var extensions = field != null ? new Dictionary<string, object?> { ["field"] = field } : null;
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The change was refused.", detail: message, extensions: extensions);
        }
    }
}
