using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PLBadges.Web.Pages;

/// <summary>The friendly page for errors and status codes; it never shows a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() != null ? 500 : Response.StatusCode);
        (Title, Message) = status switch
        {
            403 => ("You may not open this page", "Your account does not have access to this page. If you think it should, ask your district administrator."),
            404 => ("Page not found", "There is no page at this address, or you may not see it."),
            429 => ("Too many attempts", "Please wait a minute and try again."),
            400 => ("That request could not be understood", "Please go back and try again."),
            _ => ("Something went wrong", "The error has been logged. Please try again in a moment."),
        };
        if (code is >= 400 and < 600)
        {
            Response.StatusCode = code.Value;
        }
    }
}
