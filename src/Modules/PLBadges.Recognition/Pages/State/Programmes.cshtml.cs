using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Pages.State;

/// <summary>
/// /state/programmes: the state's renewal and advancement programmes, each with its versions of the
/// rules by effective date; the form of educator numbers; the issuers the state trusts.
/// </summary>
[RequirePermission(RecognitionPermissions.Names.Review)]
public sealed class ProgrammesModel(ProgrammeService programmes, IAccessControl access) : StatePage(programmes)
{
    internal IReadOnlyList<ProgrammeView> Programmes { get; private set; } = [];

    internal StateSettings Settings { get; private set; } = new();

    internal IReadOnlyList<TrustedIssuer> Trusted { get; private set; } = [];

    public IReadOnlyList<MicroCredentialSummary> Catalog { get; private set; } = [];

    public DateOnly Today => ProgrammeService.Today;

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? state, string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await LoadAsync(state, cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRenewalAsync(Guid state, string? name, string? description, DateOnly? effectiveFrom, RenewalForm renewal, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.CreateAsync(state, ProgrammeKind.Renewal, name, description, effectiveFrom, renewal.ToRules(), Me, cancellationToken), "Renewal programme added.", cancellationToken);

    public Task<IActionResult> OnPostAdvancementAsync(Guid state, string? name, string? description, DateOnly? effectiveFrom, AdvancementForm advancement, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.CreateAsync(state, ProgrammeKind.Advancement, name, description, effectiveFrom, advancement.ToRules(), Me, cancellationToken), "Advancement programme added.", cancellationToken);

    public Task<IActionResult> OnPostRenewalVersionAsync(Guid state, Guid programmeId, DateOnly? effectiveFrom, RenewalForm renewal, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.AddVersionAsync(programmeId, effectiveFrom, renewal.ToRules(), Me, cancellationToken), "New version of the rules saved.", cancellationToken);

    public Task<IActionResult> OnPostAdvancementVersionAsync(Guid state, Guid programmeId, DateOnly? effectiveFrom, AdvancementForm advancement, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.AddVersionAsync(programmeId, effectiveFrom, advancement.ToRules(), Me, cancellationToken), "New version of the rules saved.", cancellationToken);

    public Task<IActionResult> OnPostSettingsAsync(Guid state, string? pattern, string? hint, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.SaveSettingsAsync(state, pattern, hint, cancellationToken), "Educator number form saved.", cancellationToken);

    public Task<IActionResult> OnPostTrustAsync(Guid state, string? issuerUrl, string? issuerName, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.TrustAsync(state, issuerUrl, issuerName, cancellationToken), "Issuer trusted.", cancellationToken);

    public Task<IActionResult> OnPostDistrustAsync(Guid state, string issuerUrl, CancellationToken cancellationToken) =>
        ChangeAsync(state, () => ProgrammeService.DistrustAsync(state, issuerUrl, cancellationToken), "Issuer no longer trusted.", cancellationToken);

    private Guid Me => access.PersonId ?? Guid.Empty;

    private Task<IActionResult> ChangeAsync(Guid state, Func<Task> change, string done, CancellationToken cancellationToken) =>
        ChangeOrRefuseAsync(
            async () => { await change(); return Redirect($"/state/programmes?state={state}&done={Uri.EscapeDataString(done)}"); },
            () => LoadAsync(state, cancellationToken));

    protected override async Task LoadStateAsync(OrganizationInfo state, CancellationToken cancellationToken)
    {
        Programmes = await ProgrammeService.ProgrammesAsync(state.Id, cancellationToken);
        Settings = await ProgrammeService.SettingsAsync(state.Id, cancellationToken);
        Trusted = await ProgrammeService.TrustedIssuersAsync(state.Id, cancellationToken);
        Catalog = await ProgrammeService.CatalogAsync(state.Id, cancellationToken);
    }

    public string Describe(AdvancementRules rules)
    {
        var pathways = Catalog.Where(m => rules.RequiredPathwayIds.Contains(m.PathwayId)).Select(m => m.PathwayTitle).Distinct().ToList();
        var credentials = Catalog.Where(m => rules.RequiredMicroCredentialIds.Contains(m.MicroCredentialId)).Select(m => m.Title).ToList();
        return $"{rules.StepName}: requires {string.Join(", ", pathways.Select(p => $"the pathway {p}").Concat(credentials.Select(c => $"the micro-credential {c}")))}. Decided by the {rules.Approval.ToString().ToLowerInvariant()} when not endorsed.";
    }
}
