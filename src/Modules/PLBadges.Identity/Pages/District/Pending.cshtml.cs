using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Identity.Providers;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District;

/// <summary>
/// /district/pending: people the district's sign-in let in whom PLBadges did not know, waiting for a
/// district admin. Confirming makes them teachers of the district; declining deactivates the account
/// (when it holds no role anywhere).
/// </summary>
[RequirePermission(IdentityPermissions.Names.ManagePeople)]
public sealed class PendingModel(IDistrictContext districts, IAccessControl access, PLBadgesDbContext db, DistrictLog log, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? District { get; set; }

    public DistrictChoice Choice { get; private set; } = null!;

    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(cancellationToken))
        {
            return NotFound();
        }

        var id = Choice.Current!.Id;
        var rows = await db.Set<PendingPerson>().AsNoTracking().Where(p => p.DistrictId == id && p.ConfirmedAt == null)
            .Join(db.Set<Person>(), p => p.PersonId, person => person.Id, (p, person) => new { p.Id, person.DisplayName, person.Email, p.CreatedAt })
            .ToListAsync(cancellationToken);
        Waiting = rows.OrderBy(r => r.CreatedAt).Select(r => new Row(r.Id, r.DisplayName, r.Email!, r.CreatedAt)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid pending, CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(cancellationToken) || await FindAsync(pending, cancellationToken) is not ({ } waiting, { } person))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        waiting.ConfirmedAt = now;
        waiting.ConfirmedBy = access.PersonId;
        if (!await db.Set<Membership>().AnyAsync(m => m.PersonId == person.Id && m.OrganizationId == waiting.DistrictId && m.Role == Role.Teacher, cancellationToken))
        {
            db.Add(new Membership { PersonId = person.Id, OrganizationId = waiting.DistrictId, Role = Role.Teacher, CreatedAt = now });
        }

        log.Add(waiting.DistrictId, "link", $"{person.DisplayName} ({person.Email}) was confirmed as a teacher.", person.Id, access.PersonId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"{person.DisplayName} is now a teacher of the district. They see it when they next sign in.";
        return RedirectToPage(new { district = District });
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid pending, CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(cancellationToken) || await FindAsync(pending, cancellationToken) is not ({ } waiting, { } person))
        {
            return NotFound();
        }

        db.Remove(waiting);
        if (!await db.Set<Membership>().AnyAsync(m => m.PersonId == person.Id, cancellationToken)
            && !await db.Set<PendingPerson>().AnyAsync(p => p.PersonId == person.Id && p.Id != waiting.Id && p.ConfirmedAt == null, cancellationToken))
        {
            person.IsActive = false;
        }

        log.Add(waiting.DistrictId, "link", $"{person.DisplayName} ({person.Email}) was not let in.", person.Id, access.PersonId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"{person.DisplayName} was not let in.";
        return RedirectToPage(new { district = District });
    }

    private async Task<bool> ResolveAsync(CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ManagePeople, District, cancellationToken);
        if (Choice.Current == null || (District != null && District != Choice.Current.Id))
        {
            return false;
        }

        District = Choice.Current.Id;
        return true;
    }

    /// <summary>A waiting person of this district (another district's: null).</summary>
    private async Task<(PendingPerson, Person)?> FindAsync(Guid pending, CancellationToken cancellationToken)
    {
        var waiting = await db.Set<PendingPerson>().FirstOrDefaultAsync(p => p.Id == pending && p.DistrictId == District && p.ConfirmedAt == null, cancellationToken);
        var person = waiting == null ? null : await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == waiting.PersonId, cancellationToken);
        return waiting != null && person != null ? (waiting, person) : null;
    }

    public sealed record Row(Guid Id, string Name, string Email, DateTime Since);
}
