using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Hosting;
using PLBadges.Coaching.Calendars;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;

namespace PLBadges.Coaching.Pages.Me;

/// <summary>A person's calendar feed (a private webcal: address they can reset) and their reminder choice.</summary>
[Authorize]
public sealed class CalendarModel(CalendarFeeds feeds, CoachingAccess access, PLBadgesDbContext db, SiteOrigin origin, TimeProvider clock) : PageModel
{
    public bool HasFeed { get; private set; }

    public bool Reminders { get; private set; } = true;

    /// <summary>The feed's address, shown once, right after it is made.</summary>
    public string? NewFeedUrl { get; private set; }

    public string? NewWebcalUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var token = await feeds.ResetTokenAsync(access.PersonId!.Value, cancellationToken);
        await LoadAsync(cancellationToken);
        NewFeedUrl = $"{origin.Value}/calendar/{token}.ics";
        NewWebcalUrl = "webcal://" + NewFeedUrl[(NewFeedUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
        return Page();
    }

    public async Task<IActionResult> OnPostOffAsync(CancellationToken cancellationToken)
    {
        await feeds.TurnOffAsync(access.PersonId!.Value, cancellationToken);
        TempData["Status"] = "Your calendar feed is off; its address no longer works.";
        return Redirect("/me/calendar");
    }

    public async Task<IActionResult> OnPostRemindersAsync(bool reminders, CancellationToken cancellationToken)
    {
        var settings = await feeds.SettingsAsync(access.PersonId!.Value, cancellationToken);
        settings.Reminders = reminders;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = reminders ? "Reminders are on for meetings scheduled from now." : "Reminders are off for meetings scheduled from now.";
        return Redirect("/me/calendar");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var settings = await feeds.SettingsAsync(access.PersonId!.Value, cancellationToken);
        HasFeed = settings.FeedTokenHash != null;
        Reminders = settings.Reminders;
    }
}
