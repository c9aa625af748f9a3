using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Notifications.Inbox;

namespace PLBadges.Notifications.Pages.Me;

/// <summary>The signed-in person's messages inside the site, newest first.</summary>
public sealed class NotificationsModel(PLBadgesDbContext db, IAccessControl access, TimeProvider clock) : PageModel
{
    public sealed record Item(string Text, string Href, DateTime CreatedAt, bool Unread);

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? Guid.Empty;
        Items = await db.Set<InboxItem>().AsNoTracking().Where(i => i.PersonId == me)
            .OrderByDescending(i => i.CreatedAt).Take(100)
            .Select(i => new Item(i.Text, i.Href, i.CreatedAt, i.ReadAt == null)).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? Guid.Empty;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<InboxItem>().Where(i => i.PersonId == me && i.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ReadAt, now), cancellationToken);
        TempData["Status"] = "All notifications are marked as read.";
        return Redirect("/me/notifications");
    }
}
