using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Licensure;
using PLBadges.Recognition.Transcripts;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>/me/transcript: the educator's professional learning transcript, its share link, and its PDF, JSON and CSV.</summary>
[Authorize]
public sealed class TranscriptModel(TranscriptService transcripts, IAccessControl access) : PageModel
{
    public Transcript? Transcript { get; private set; }

    internal TranscriptShare? Share { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? File(TranscriptService.ToPdf(Transcript!), "application/pdf", "transcript.pdf") : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? File(Encoding.UTF8.GetBytes(TranscriptService.ToCsv(Transcript!)), Csv.ContentType, "transcript.csv") : NotFound();

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? File(JsonSerializer.SerializeToUtf8Bytes(Transcript, RecognitionFeed.Json), "application/json", "transcript.json") : NotFound();

    public async Task<IActionResult> OnPostShareAsync(CancellationToken cancellationToken)
    {
        await transcripts.ShareAsync(access.PersonId!.Value, cancellationToken);
        return Redirect("/me/transcript?done=" + Uri.EscapeDataString("Your transcript has a new share link; any earlier link no longer works."));
    }

    public async Task<IActionResult> OnPostStopSharingAsync(CancellationToken cancellationToken)
    {
        await transcripts.StopSharingAsync(access.PersonId!.Value, cancellationToken);
        return Redirect("/me/transcript?done=" + Uri.EscapeDataString("Your transcript is no longer shared."));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return false;
        }

        Transcript = await transcripts.BuildAsync(me, cancellationToken);
        Share = await transcripts.ShareOfAsync(me, cancellationToken);
        return Transcript != null;
    }
}
