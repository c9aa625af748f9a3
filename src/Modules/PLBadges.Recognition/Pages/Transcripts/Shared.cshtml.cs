using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Recognition.Transcripts;

namespace PLBadges.Recognition.Pages.Transcripts;

/// <summary>/transcripts/{token}: a transcript its educator shares by link; gone the moment they stop sharing.</summary>
[AllowAnonymous]
public sealed class SharedModel(TranscriptService transcripts) : PageModel
{
    public Transcript? Transcript { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        Response.Headers["X-Robots-Tag"] = "noindex";
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? File(TranscriptService.ToPdf(Transcript!), "application/pdf", "transcript.pdf") : NotFound();

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Transcript = await transcripts.SharedByAsync(token, cancellationToken) is { } person ? (await transcripts.BuildAsync(person, cancellationToken))?.ForSharing() : null;
        return Transcript != null;
    }
}
