using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Transcripts;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>/me/transcript/print: the transcript alone, laid out for paper (the site's print styles hide its header and footer).</summary>
[Authorize]
public sealed class TranscriptPrintModel(TranscriptService transcripts, IAccessControl access) : PageModel
{
    public Transcript? Transcript { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Transcript = access.PersonId is { } me ? await transcripts.BuildAsync(me, cancellationToken) : null;
        return Transcript == null ? NotFound() : Page();
    }
}
