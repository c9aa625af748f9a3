using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.Me;

/// <summary>/me/invitations: districts that asked to add the signed-in person, to accept or decline.</summary>
[Authorize]
public sealed class InvitationsModel(DistrictInvitations invitations, IAccessControl access, IOrganizationDirectory organizations) : PageModel, IRefusablePage
{
    public IReadOnlyList<Offer> Offers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(Guid invitation, CancellationToken cancellationToken)
    {
        await invitations.AcceptAsync(access.PersonId!.Value, invitation, cancellationToken);
        TempData["Status"] = "You have joined the district.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid invitation, CancellationToken cancellationToken)
    {
        await invitations.DeclineAsync(access.PersonId!.Value, invitation, cancellationToken);
        TempData["Status"] = "You have declined the invitation.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } personId)
        {
            return false;
        }

        var pending = await invitations.PendingForAsync(personId, cancellationToken);
        var ids = pending.SelectMany(i => i.OfferedRoles().Select(r => r.OrganizationId).Append(i.DistrictId)).Distinct();
        var names = (await organizations.ListAsync(ids, cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        Offers = pending.Select(i => new Offer(i.Id, names.GetValueOrDefault(i.DistrictId, "A district"),
            i.OfferedRoles().Select(r => $"{RoleNames.Of(r.Role)}, {names.GetValueOrDefault(r.OrganizationId)}").ToList())).ToList();
        return true;
    }

    public sealed record Offer(Guid Id, string District, IReadOnlyList<string> Roles);
}
