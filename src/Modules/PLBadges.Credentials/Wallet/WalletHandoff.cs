using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Rules;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;

namespace PLBadges.Credentials.Wallet;

/// <summary>What the site answers a wallet: a JSON body, or a problem (status, title and detail for problem details).</summary>
public sealed record WalletAnswer(int Status, JsonObject? Body, string? Title = null, string? Detail = null)
{
    public static WalletAnswer Ok(JsonObject body) => new(200, body);

    public static WalletAnswer Problem(int status, string title, string detail) => new(status, null, title, detail);
}

/// <summary>One exchange as its owner's page shows it.</summary>
public sealed record ExchangeView(string Id, ExchangeKind Kind, DateTime CreatedAt, DateTime ExpiresAt, string State, string? Failure);

/// <summary>
/// Hands a credential to a wallet, the two ways the Learner Credential Wallet 2.2.10 stores:
/// <list type="bullet">
/// <item>an <b>offer</b>: a one-time interaction URL (<c>…?iuv=1</c>) answers <c>{"protocols": {"vcapi": …}}</c>, and
/// <c>POST {}</c> to that exchange answers with a presentation holding the credential;</item>
/// <item>a <b>request link</b> (<c>dccrequest://request?…</c>): the wallet posts a presentation it signed with its
/// did:key over the challenge, and gets a copy of the credential issued to that DID.</item>
/// </list>
/// A standard VC-API DID Authentication exchange is here too, ready, but nobody is offered one until the wallet keeps
/// what such an exchange returns (its issue #957). Every exchange belongs to the person who opened it, is used once,
/// and expires after <see cref="Lifetime"/>; what happened to it is kept for the owner's page, since the wallet shows
/// no error text.
/// </summary>
public sealed class WalletHandoff(PLBadgesDbContext db, IssuerKeys keys, ProofVerifier proofs, SiteOrigin origin, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>The largest presentation a wallet may post.</summary>
    public const int MaxPresentationBytes = 256 * 1024;

    private const string VpContext = CredentialDocument.VcContext;

    public string InteractionUrl(string exchangeId) => $"{origin.Value}/wallet/interactions/{exchangeId}?iuv=1";

    public string ExchangeUrl(string exchangeId) => $"{origin.Value}/wallet/exchanges/{exchangeId}";

    public string RequestUrl(string exchangeId) => $"{origin.Value}/wallet/requests/{exchangeId}";

    /// <summary>The wallet's request link for the exchange, as its own scheme (<c>dccrequest://request?…</c>) or its https form (<c>https://lcw.app/request?…</c>).</summary>
    internal string RequestLink(WalletExchange exchange, Guid issuerId, bool https = false) =>
        (https ? "https://lcw.app/request?" : "dccrequest://request?")
        + $"issuer={Uri.EscapeDataString(IssuerDid.For(origin.Value, issuerId))}"
        + $"&vc_request_url={Uri.EscapeDataString(RequestUrl(exchange.Id))}"
        + $"&challenge={Uri.EscapeDataString(exchange.Challenge)}&auth_type=bearer";

    /// <summary>
    /// Opens exchanges of the given kinds for the owner's credential (saved here). Someone else's credential, or one that
    /// does not exist, is refused as not found; a revoked one with the reason.
    /// </summary>
    internal async Task<IReadOnlyList<WalletExchange>> OpenAsync(Guid personId, string credentialId, IReadOnlyList<ExchangeKind> kinds, CancellationToken cancellationToken)
    {
        var credential = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.Id == credentialId && c.RecipientId == personId)
            .Select(c => new { c.Id, c.RevokedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException("No such credential of yours.");
        if (credential.RevokedAt != null)
        {
            throw new RuleException("This credential was revoked by its issuer, so it cannot be added to a wallet.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var opened = kinds.Select(kind => new WalletExchange
        {
            Id = Secret(16),
            PersonId = personId,
            CredentialId = credential.Id,
            Kind = kind,
            Challenge = Secret(24),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            State = ExchangeState.Open,
        }).ToList();
        db.AddRange(opened);
        await db.SaveChangesAsync(cancellationToken);
        return opened;
    }

    /// <summary>The owner's exchange, when it is theirs (null otherwise, as if it did not exist).</summary>
    internal Task<WalletExchange?> FindAsync(Guid personId, string exchangeId, CancellationToken cancellationToken) =>
        exchangeId.Length is > 0 and <= 32
            ? db.Set<WalletExchange>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == exchangeId && x.PersonId == personId, cancellationToken)
            : Task.FromResult<WalletExchange?>(null);

    /// <summary>The owner's latest exchanges of one credential, with where each stands.</summary>
    public async Task<IReadOnlyList<ExchangeView>> HistoryAsync(Guid personId, string credentialId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<WalletExchange>().AsNoTracking().Where(x => x.PersonId == personId && x.CredentialId == credentialId)
            .OrderByDescending(x => x.CreatedAt).Take(10).ToListAsync(cancellationToken);
        return rows.Select(x => new ExchangeView(x.Id, x.Kind, x.CreatedAt, x.ExpiresAt, StateOf(x, now), x.Failure)).ToList();
    }

    private static string StateOf(WalletExchange exchange, DateTime now) => exchange.State switch
    {
        ExchangeState.Delivered => "Delivered",
        ExchangeState.Failed => "Failed",
        _ when exchange.ExpiresAt <= now => "Expired",
        _ => "Waiting",
    };

    /// <summary>What an interaction URL offers: the exchange, by VC-API. Null when the exchange is unknown (the answer is then 404).</summary>
    public async Task<WalletAnswer> InteractionAsync(string exchangeId, CancellationToken cancellationToken) =>
        await UsableAsync(exchangeId, [ExchangeKind.Offer, ExchangeKind.DidAuthentication], cancellationToken) is { } refused
            ? refused
            : WalletAnswer.Ok(new JsonObject { ["protocols"] = new JsonObject { ["vcapi"] = ExchangeUrl(exchangeId) } });

    /// <summary>
    /// A wallet's message to a VC-API exchange. An offer answers <c>{}</c> with the credential; a DID Authentication
    /// exchange answers <c>{}</c> with its request, and a signed presentation with a copy issued to the wallet's DID.
    /// </summary>
    public async Task<WalletAnswer> ExchangeAsync(string exchangeId, byte[] body, CancellationToken cancellationToken)
    {
        if (await UsableAsync(exchangeId, [ExchangeKind.Offer, ExchangeKind.DidAuthentication], cancellationToken) is { } refused)
        {
            return refused;
        }

        var exchange = await db.Set<WalletExchange>().AsNoTracking().FirstAsync(x => x.Id == exchangeId, cancellationToken);
        if (exchange.Kind == ExchangeKind.Offer)
        {
            if (!await FinishAsync(exchange.Id, ExchangeState.Delivered, null, null, cancellationToken))
            {
                return await RefusalAsync(exchangeId, cancellationToken);
            }

            var original = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.Id == exchange.CredentialId).Select(c => c.Json).FirstAsync(cancellationToken);
            return WalletAnswer.Ok(Presentation(JsonNode.Parse(original)!));
        }

        var message = ReadMessage(body);
        if (message == null)
        {
            return await FailAsync(exchange, 400, "Not a message", "Send a JSON object: {} to begin, then the signed presentation.", cancellationToken);
        }

        if (message["verifiablePresentation"] is not JsonObject presentation)
        {
            return WalletAnswer.Ok(new JsonObject
            {
                ["verifiablePresentationRequest"] = new JsonObject
                {
                    ["query"] = new JsonArray(new JsonObject { ["type"] = "DIDAuthentication", ["acceptedMethods"] = new JsonArray(new JsonObject { ["method"] = "key" }) }),
                    ["challenge"] = exchange.Challenge,
                    ["domain"] = new Uri(origin.Value).Authority,
                    ["interact"] = new JsonObject
                    {
                        ["service"] = new JsonArray(new JsonObject { ["type"] = "UnmediatedHttpPresentationService2021", ["serviceEndpoint"] = ExchangeUrl(exchange.Id) }),
                    },
                },
            });
        }

        var issued = await IssueCopyAsync(exchange, presentation, cancellationToken);
        return issued.Body is { } copy ? WalletAnswer.Ok(Presentation(copy)) : issued;
    }

    /// <summary>The wallet's request link: a presentation signed by the wallet's DID over the challenge; the answer is the copy issued to that DID.</summary>
    public async Task<WalletAnswer> RequestAsync(string exchangeId, byte[] body, CancellationToken cancellationToken)
    {
        if (await UsableAsync(exchangeId, [ExchangeKind.Request], cancellationToken) is { } refused)
        {
            return refused;
        }

        var exchange = await db.Set<WalletExchange>().AsNoTracking().FirstAsync(x => x.Id == exchangeId, cancellationToken);
        var message = ReadMessage(body);
        var presentation = message?["verifiablePresentation"] as JsonObject ?? message; // the wallet posts the presentation itself
        return presentation == null
            ? await FailAsync(exchange, 400, "Not a presentation", "Send the presentation your wallet signed, as JSON.", cancellationToken)
            : await IssueCopyAsync(exchange, presentation, cancellationToken);
    }

    private static JsonObject? ReadMessage(byte[] body)
    {
        try
        {
            return body.Length is > 0 and <= MaxPresentationBytes ? UntrustedJson.ParseObject(body, new ReadCounters(), what: "The message") : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<WalletAnswer> IssueCopyAsync(WalletExchange exchange, JsonObject presentation, CancellationToken cancellationToken)
    {
        var types = presentation["type"] switch
        {
            JsonArray many => many.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null),
            JsonValue one when one.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
        if (!types.Contains("VerifiablePresentation"))
        {
            return await FailAsync(exchange, 400, "Not a presentation", "The wallet did not send a verifiable presentation.", cancellationToken);
        }

        var proof = await proofs.VerifyAsync(presentation, new ReadCounters(), cancellationToken, purpose: "authentication", challenge: exchange.Challenge, now: clock.GetUtcNow());
        if (!proof.Valid)
        {
            return await FailAsync(exchange, 400, "The wallet's signature was not accepted", proof.Message, cancellationToken);
        }

        var holder = proof.Controller!;
        if (presentation["holder"] is JsonNode named && Text(named) is { } claimed && claimed != holder)
        {
            return await FailAsync(exchange, 400, "The wallet's signature was not accepted", "The presentation names another holder than the key that signed it.", cancellationToken);
        }

        if (!holder.StartsWith("did:", StringComparison.Ordinal) || holder.Length > 200)
        {
            return await FailAsync(exchange, 400, "The wallet's signature was not accepted", "The wallet's key is not named by a DID.", cancellationToken);
        }

        var original = await db.Set<IssuedCredential>().AsNoTracking().FirstAsync(c => c.Id == exchange.CredentialId, cancellationToken);
        if (original.RevokedAt != null)
        {
            return await FailAsync(exchange, 410, "Revoked", "The credential was revoked by its issuer.", cancellationToken);
        }

        var copy = await CopyAsync(original, holder, cancellationToken);
        var delivered = await db.InTransactionAsync(async ct =>
        {
            if (!await FinishAsync(exchange.Id, ExchangeState.Delivered, null, copy.Id, ct))
            {
                return false; // another request used the exchange first: the copy is not kept
            }

            db.Add(copy);
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
        return delivered ? WalletAnswer.Ok((JsonObject)JsonNode.Parse(copy.Json)!) : await RefusalAsync(exchange.Id, cancellationToken);
    }

    /// <summary>
    /// The credential issued again to the wallet's DID: a new id, the DID as its subject, the same status entry (one
    /// revocation covers both), a relatedResource naming the original with its digest, its own proof and VC-JWT.
    /// </summary>
    internal async Task<WalletCopy> CopyAsync(IssuedCredential original, string holderDid, CancellationToken cancellationToken)
    {
        var here = origin.Value;
        var id = CredentialIssuer.NewId();
        var document = (JsonObject)JsonNode.Parse(original.Json)!;
        document.Remove("proof");
        document["@context"] = CredentialDocument.Contexts();
        document["id"] = CredentialDocument.Url(here, id);
        var did = IssuerDid.For(here, original.IssuerId);
        if (document["issuer"] is JsonObject profile)
        {
            profile["id"] = did;
        }
        else
        {
            document["issuer"] = did;
        }

        if (document["credentialSubject"] is JsonObject subject)
        {
            var rebuilt = new JsonObject { ["id"] = holderDid };
            foreach (var (name, value) in subject.Where(p => p.Key != "id").ToList())
            {
                subject.Remove(name);
                rebuilt[name] = value;
            }

            (rebuilt["achievement"] as JsonObject)?.Remove("endorsementJwt"); // credentials issued before endorsements were embedded
            document["credentialSubject"] = rebuilt;
        }

        document["credentialSchema"] = CredentialDocument.SchemaOf(CredentialDocument.AchievementSchema);
        document["relatedResource"] = new JsonArray(new JsonObject
        {
            ["id"] = $"{CredentialDocument.Url(here, original.Id)}.json",
            ["mediaType"] = "application/json",
            ["digestSRI"] = "sha384-" + Convert.ToBase64String(SHA384.HashData(Encoding.UTF8.GetBytes(original.Json))),
        });
        var now = clock.GetUtcNow().UtcDateTime;
        DataIntegrity.Sign(document, await keys.CurrentProofKeyAsync(original.IssuerId, cancellationToken), now);
        var key = await keys.CurrentAsync(original.IssuerId, cancellationToken);
        return new WalletCopy
        {
            Id = id,
            OriginalId = original.Id,
            HolderDid = holderDid,
            Json = document.ToJsonString(),
            Jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(document), key.Sign),
            CreatedAt = now,
        };
    }

    private static JsonObject Presentation(JsonNode credential) => new()
    {
        ["verifiablePresentation"] = new JsonObject
        {
            ["@context"] = new JsonArray(VpContext),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(credential),
        },
    };

    /// <summary>Null when the exchange can be used now; else the refusal (unknown, another kind, used, expired).</summary>
    private async Task<WalletAnswer?> UsableAsync(string exchangeId, ExchangeKind[] kinds, CancellationToken cancellationToken)
    {
        var exchange = exchangeId.Length is > 0 and <= 32
            ? await db.Set<WalletExchange>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == exchangeId, cancellationToken)
            : null;
        return exchange == null || !kinds.Contains(exchange.Kind) ? WalletAnswer.Problem(404, "No such exchange", "This wallet link is not known here.")
            : exchange.State != ExchangeState.Open || exchange.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? await RefusalAsync(exchangeId, cancellationToken)
            : null;
    }

    private async Task<WalletAnswer> RefusalAsync(string exchangeId, CancellationToken cancellationToken)
    {
        var exchange = await db.Set<WalletExchange>().AsNoTracking().FirstAsync(x => x.Id == exchangeId, cancellationToken);
        return exchange.State switch
        {
            ExchangeState.Delivered => WalletAnswer.Problem(410, "Already used", "This wallet link was used once already; open a new one from your credential's page."),
            ExchangeState.Failed => WalletAnswer.Problem(410, "Already used", "This wallet link failed once and cannot be used again; open a new one from your credential's page."),
            _ => WalletAnswer.Problem(410, "Expired", $"This wallet link expired {Lifetime.TotalMinutes:0} minutes after it was opened; open a new one from your credential's page."),
        };
    }

    private async Task<WalletAnswer> FailAsync(WalletExchange exchange, int status, string title, string detail, CancellationToken cancellationToken)
    {
        var failure = $"{title}: {detail}";
        await FinishAsync(exchange.Id, ExchangeState.Failed, failure.Length > 300 ? failure[..300] : failure, null, cancellationToken);
        return WalletAnswer.Problem(status, title, detail);
    }

    /// <summary>Moves an open, unexpired exchange to its end state; false when another request got there first (single use across nodes).</summary>
    private async Task<bool> FinishAsync(string exchangeId, ExchangeState state, string? failure, string? copyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<WalletExchange>()
            .Where(x => x.Id == exchangeId && x.State == ExchangeState.Open && x.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.FinishedAt, now).SetProperty(x => x.Failure, failure).SetProperty(x => x.CopyId, copyId), cancellationToken) == 1;
    }

    private static string Secret(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
