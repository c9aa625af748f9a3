using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Credentials.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>
/// /me/state-credit: for each state the educator's districts report to, their identifier with that state (in its form,
/// until an export carries it), and their certificates: each signed-off credential or batch, or, where the state needs
/// no district sign-off, each micro-credential the district issued.
/// </summary>
[RequirePermission(RecognitionPermissions.Names.Apply)]
public sealed class StateCreditModel(EducatorStateIds ids, SignOffs signOffs, ICredentialHoldings holdings, IAccessControl access) : PageModel, IRefusablePage
{
    internal IReadOnlyList<EducatorProfile> Profiles { get; private set; } = [];

    internal IReadOnlyList<(SignOff SignOff, IReadOnlyList<SignOffItem> Items)> SignOffs { get; private set; } = [];

    public IReadOnlyList<HeldCredential> Credentials { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty]
    public IdInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await ids.SaveAsync(access.PersonId!.Value, Input.ProfileId, Input.Value, Input.Area, Input.LicenseExpiresOn, cancellationToken);
        return Redirect("/me/state-credit?done=" + Uri.EscapeDataString("Saved."));
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return false;
        }

        Profiles = await ids.ProfilesOfAsync(me, cancellationToken);
        SignOffs = await signOffs.OfAsync(me, null, cancellationToken);
        Credentials = (await holdings.HeldByAsync(me, cancellationToken)).Where(c => !c.Revoked && c.Kind == HeldKind.MicroCredential).ToList();
        return true;
    }

    public sealed class IdInput
    {
        public Guid ProfileId { get; set; }

        [MaxLength(40)]
        public string? Value { get; set; }

        public string? Area { get; set; }

        [DateInRange(DateField.LicenseDate)]
        public DateOnly? LicenseExpiresOn { get; set; }
    }
}
