using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.District.Credentials;

/// <summary>The district's issued credentials (searchable, newest first), revocation with a reason, and its signing keys.</summary>
[RequirePermission(CredentialPermissions.Names.Manage)]
public sealed class IndexModel(IDistrictContext districts, PLBadgesDbContext db, Revocations revocations, IssuerKeys keys, IAccessControl access, IPeopleDirectory people, TimeProvider clock) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true, Name = "district")]
    public Guid? DistrictId { get; set; }

    public const int PageSize = 50;

    public sealed record Row(string Id, string Name, string Recipient, DateTime ValidFrom, DateTime? RevokedAt, string? Reason);

    public sealed record KeyRow(string Id, string Algorithm, DateTime CreatedAt, DateTime? RetiredAt);

    public DistrictChoice Choice { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<KeyRow> Keys { get; private set; } = [];

    [TempData]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(CredentialPermissions.Manage, DistrictId, cancellationToken);
        if (Choice.Current is not { } current)
        {
            return false;
        }

        var query = db.Set<IssuedCredential>().AsNoTracking().Where(c => c.IssuerId == current.Id);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var recipients = await query.Select(c => c.RecipientId).Distinct().ToListAsync(cancellationToken);
            var who = (await people.GetAsync(recipients, cancellationToken)).Where(p => p.DisplayName.Contains(term, StringComparison.OrdinalIgnoreCase) || p.Email.Contains(term, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToList();
            query = query.Where(c => c.Id == term || c.Name.Contains(term) || who.Contains(c.RecipientId));
        }

        Total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(c => c.ValidFrom).Take(PageSize)
            .Select(c => new { c.Id, c.Name, c.RecipientId, c.ValidFrom, c.RevokedAt, c.RevocationReason }).ToListAsync(cancellationToken);
        var names = (await people.GetAsync(page.Select(c => c.RecipientId).Distinct(), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        Rows = page.Select(c => new Row(c.Id, c.Name, names.GetValueOrDefault(c.RecipientId, "A former member"), c.ValidFrom, c.RevokedAt, c.RevocationReason)).ToList();
        Keys = await db.Set<IssuerKey>().AsNoTracking().Where(k => k.IssuerId == current.Id).OrderByDescending(k => k.CreatedAt)
            .Select(k => new KeyRow(k.Id, k.Algorithm.ToString(), k.CreatedAt, k.RetiredAt)).ToListAsync(cancellationToken);
        return true;
    }

    public async Task<IActionResult> OnPostRevokeAsync(string credential, string? reason, CancellationToken cancellationToken)
    {
        await revocations.RevokeAsync(credential, reason, cancellationToken);
        Status = "The credential is revoked; checks show it within a minute.";
        return Redirect($"/district/credentials?district={DistrictId}");
    }

    public async Task<IActionResult> OnPostRestoreAsync(string credential, CancellationToken cancellationToken)
    {
        await revocations.RestoreAsync(credential, cancellationToken);
        Status = "The revocation is undone; the credential is valid again.";
        return Redirect($"/district/credentials?district={DistrictId}");
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(CredentialPermissions.Manage, DistrictId, cancellationToken);
        if (Choice.Current is not { } current || !await access.HasAsync(CredentialPermissions.Manage, current.Id, cancellationToken))
        {
            return NotFound();
        }

        await keys.RotateAsync(current.Id, cancellationToken);
        Status = $"New signing keys made on {clock.GetUtcNow():d MMMM yyyy}. Credentials signed before still verify with the older keys, which stay published.";
        return Redirect($"/district/credentials?district={current.Id}");
    }
}
