using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace PLBadges.Abstractions.Hosting;

/// <summary>
/// For a page that takes uploads. The site checks every form's antiforgery token before its handler
/// runs, and the token sits in the form: a body over the size limit cannot be read, so the check
/// failed with a bare 400 before the handler could say "that file is too large". This filter checks
/// the token exactly as the site's does, except that a body too large to read goes on to the named
/// upload handlers, which answer with the limit (413); nothing can change, since no byte of such a
/// body can be read. Any other handler of the page gets a plain 413.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadAntiforgeryAttribute(params string[] uploadHandlers) : Attribute, IAsyncAuthorizationFilter, IAntiforgeryPolicy, IOrderedFilter
{
    private const string TooLargeKey = "PLBadges.UploadTooLarge";

    private readonly string[] handlers = uploadHandlers;

    /// <summary>The site-wide antiforgery filter's order: the later of the two is the policy in effect, and this one is declared on the page.</summary>
    public int Order => 1000;

    /// <summary>True when the request's body was over the size limit (the handler answers 413 and reads nothing).</summary>
    public static bool WasTooLarge(HttpContext context) => context.Items.ContainsKey(TooLargeKey);

    /// <summary>True when the request is for one of the page's upload handlers, which read their own body (model binding must not judge it).</summary>
    public static bool IsUpload(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<UploadAntiforgeryAttribute>() is { } page && page.handlers.Contains(HandlerOf(context), StringComparer.OrdinalIgnoreCase);

    private static string HandlerOf(HttpContext context) =>
        context.Request.RouteValues["handler"]?.ToString() is { Length: > 0 } routed ? routed : context.Request.Query["handler"].ToString();

    /// <summary>True for the error of reading a body larger than the server accepts, however it is wrapped.</summary>
    public static bool IsTooLarge(Exception? problem)
    {
        for (; problem != null; problem = problem.InnerException)
        {
            if (problem is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!context.IsEffectivePolicy<IAntiforgeryPolicy>(this)
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        {
            return;
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (Exception problem) when (IsTooLarge(problem))
        {
            if (handlers.Contains(HandlerOf(http), StringComparer.OrdinalIgnoreCase))
            {
                http.Items[TooLargeKey] = true;
            }
            else
            {
                context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            }
        }
        catch (AntiforgeryValidationException)
        {
            context.Result = new AntiforgeryValidationFailedResult();
        }
    }
}
