using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Licensure;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Pages.State;

/// <summary>/state/licensure: the state's webhooks (registered with a secret shown once), their delivery log, and the licensure API's audit log.</summary>
[RequirePermission(RecognitionPermissions.Names.Review)]
public sealed class LicensureModel(ProgrammeService programmes, WebhookService webhooks) : StatePage(programmes)
{
    internal IReadOnlyList<WebhookSubscription> Subscriptions { get; private set; } = [];

    public IReadOnlyList<WebhookDeliveryResponse> Deliveries { get; private set; } = [];

    internal IReadOnlyList<LicensureCall> Calls { get; private set; } = [];

    /// <summary>A new webhook's secret: shown on the answer to registering, never again.</summary>
    public string? NewSecret { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRegisterAsync(string? url, CancellationToken cancellationToken)
    {
        var secret = await webhooks.RegisterAsync(StateId ?? Guid.Empty, url, cancellationToken);
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        NewSecret = secret;
        Notice = "Webhook registered. Copy its secret now: it is not shown again.";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await webhooks.DisableAsync(StateId ?? Guid.Empty, subscriptionId, cancellationToken);
        return Redirect($"/state/licensure?state={StateId}&done={Uri.EscapeDataString("Webhook disabled.")}");
    }

    protected override async Task LoadStateAsync(OrganizationInfo state, CancellationToken cancellationToken)
    {
        Subscriptions = await webhooks.SubscriptionsAsync(state.Id, cancellationToken);
        Deliveries = await webhooks.DeliveriesAsync(state.Id, 50, cancellationToken);
        Calls = await webhooks.CallsAsync(state.Id, 50, cancellationToken);
    }
}
