using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Pages.State;

/// <summary>
/// /state/endorsements: a state reviewer reads each micro-credential of the state's districts (its
/// competency, evidence requirements and rubric) and endorses it with the state's own key, or
/// withdraws an endorsement (revoked through the state's status list).
/// </summary>
[RequirePermission(RecognitionPermissions.Names.Review)]
public sealed class EndorsementsModel(ProgrammeService programmes, IEndorsements endorsements, IMicroCredentialCatalog catalog, IAccessControl access) : StatePage(programmes)
{
    public sealed record Line(MicroCredentialSummary MicroCredential, MicroCredentialContent? Content, EndorsementInfo? Current, IReadOnlyList<EndorsementInfo> Withdrawn);

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostEndorseAsync(Guid microCredentialId, string? comment, CancellationToken cancellationToken)
    {
        var state = await KeptStateAsync(cancellationToken);
        var item = (await ProgrammeService.CatalogAsync(state, cancellationToken)).FirstOrDefault(m => m.MicroCredentialId == microCredentialId)
            ?? throw new RuleException("That micro-credential is not offered in the state's districts.");
        var outcome = await endorsements.EndorseAsync(state, item.MicroCredentialId, item.Slug, item.Title, comment ?? "", access.PersonId ?? Guid.Empty, cancellationToken);
        if (outcome.Refused is { } refused)
        {
            throw new RuleException(refused);
        }

        return Redirect($"/state/endorsements?state={state}&done={Uri.EscapeDataString($"{item.Title} is endorsed; credentials issued for it from now on carry the endorsement.")}#mc-{item.MicroCredentialId}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string endorsementId, string? reason, CancellationToken cancellationToken)
    {
        var state = await KeptStateAsync(cancellationToken);
        if ((await endorsements.ByEndorserAsync(state, cancellationToken)).All(e => e.Id != endorsementId))
        {
            throw new RuleException("No such endorsement of the state's.");
        }

        if (await endorsements.WithdrawAsync(endorsementId, reason ?? "", access.PersonId ?? Guid.Empty, cancellationToken) is { } refused)
        {
            throw new RuleException(refused, "reason");
        }

        return Redirect($"/state/endorsements?state={state}&done={Uri.EscapeDataString("Endorsement withdrawn: its status list now shows it revoked.")}");
    }

    protected override async Task LoadStateAsync(OrganizationInfo state, CancellationToken cancellationToken)
    {
        var all = await endorsements.ByEndorserAsync(state.Id, cancellationToken);
        var lines = new List<Line>();
        foreach (var m in await ProgrammeService.CatalogAsync(state.Id, cancellationToken))
        {
            var mine = all.Where(e => e.MicroCredentialId == m.MicroCredentialId).ToList();
            lines.Add(new Line(m, (await catalog.PublishedAsync(m.Slug, cancellationToken))?.Content, mine.FirstOrDefault(e => e.WithdrawnAt == null), mine.Where(e => e.WithdrawnAt != null).ToList()));
        }

        Lines = lines;
    }
}
