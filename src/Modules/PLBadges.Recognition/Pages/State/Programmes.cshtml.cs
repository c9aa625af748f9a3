using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Pages.State;

/// <summary>
/// /state/programs (the old /state/programmes redirects here): the state's renewal and advancement programmes, each with its versions of the
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

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRenewalAsync(string? name, string? description, DateOnly? effectiveFrom, RenewalForm renewal, CancellationToken cancellationToken) =>
        ChangeAsync(state => ProgrammeService.CreateAsync(state, ProgrammeKind.Renewal, name, description, effectiveFrom, renewal.ToRules(), Me, cancellationToken), "Renewal program added.");

    public Task<IActionResult> OnPostAdvancementAsync(string? name, string? description, DateOnly? effectiveFrom, AdvancementForm advancement, CancellationToken cancellationToken) =>
        ChangeAsync(state => ProgrammeService.CreateAsync(state, ProgrammeKind.Advancement, name, description, effectiveFrom, advancement.ToRules(), Me, cancellationToken), "Advancement program added.");

    public Task<IActionResult> OnPostRenewalVersionAsync(Guid programmeId, DateOnly? effectiveFrom, RenewalForm renewal, CancellationToken cancellationToken) =>
        ChangeAsync(_ => ProgrammeService.AddVersionAsync(programmeId, effectiveFrom, renewal.ToRules(), Me, cancellationToken), "New version of the rules saved.");

    public Task<IActionResult> OnPostAdvancementVersionAsync(Guid programmeId, DateOnly? effectiveFrom, AdvancementForm advancement, CancellationToken cancellationToken) =>
        ChangeAsync(_ => ProgrammeService.AddVersionAsync(programmeId, effectiveFrom, advancement.ToRules(), Me, cancellationToken), "New version of the rules saved.");

    public Task<IActionResult> OnPostSettingsAsync(string? pattern, string? hint, CancellationToken cancellationToken) =>
        ChangeAsync(state => ProgrammeService.SaveSettingsAsync(state, pattern, hint, cancellationToken), "Educator number form saved.");

    public Task<IActionResult> OnPostTrustAsync(string? issuerUrl, string? issuerName, CancellationToken cancellationToken) =>
        ChangeAsync(state => ProgrammeService.TrustAsync(state, issuerUrl, issuerName, cancellationToken), "Issuer trusted.");

    public Task<IActionResult> OnPostDistrustAsync(string issuerUrl, CancellationToken cancellationToken) =>
        ChangeAsync(state => ProgrammeService.DistrustAsync(state, issuerUrl, cancellationToken), "Issuer no longer trusted.");

    private Guid Me => access.PersonId ?? Guid.Empty;

    private async Task<IActionResult> ChangeAsync(Func<Guid, Task> change, string done)
    {
        var state = StateId ?? Guid.Empty;
        await change(state);
        return Redirect($"/state/programs?state={state}&done={Uri.EscapeDataString(done)}");
    }

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
