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

    public async Task<IActionResult> OnGetAsync(Guid? state, string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await LoadAsync(state, cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRegisterAsync(Guid state, string? url, CancellationToken cancellationToken) =>
        ChangeOrRefuseAsync(
            async () =>
            {
                var secret = await webhooks.RegisterAsync(state, url, cancellationToken);
                await LoadAsync(state, cancellationToken);
                NewSecret = secret;
                Notice = "Webhook registered. Copy its secret now: it is not shown again.";
                Response.Headers.CacheControl = "no-store";
                return Page();
            },
            () => LoadAsync(state, cancellationToken));

    public Task<IActionResult> OnPostDisableAsync(Guid state, Guid subscriptionId, CancellationToken cancellationToken) =>
        ChangeOrRefuseAsync(
            async () =>
            {
                await webhooks.DisableAsync(state, subscriptionId, cancellationToken);
                return Redirect($"/state/licensure?state={state}&done={Uri.EscapeDataString("Webhook disabled.")}");
            },
            () => LoadAsync(state, cancellationToken));

    protected override async Task LoadStateAsync(OrganizationInfo state, CancellationToken cancellationToken)
    {
        Subscriptions = await webhooks.SubscriptionsAsync(state.Id, cancellationToken);
        Deliveries = await webhooks.DeliveriesAsync(state.Id, 50, cancellationToken);
        Calls = await webhooks.CallsAsync(state.Id, 50, cancellationToken);
    }
}
