using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Credentials;

/// <summary>A credential as people read it: what, for whom, from whom, when, the criteria, and its state.</summary>
public sealed record CredentialView(
    string Id,
    string Url,
    string Name,
    string Description,
    string Criteria,
    string ImageUrl,
    string IssuerName,
    string RecipientName,
    decimal Hours,
    DateTime ValidFrom,
    DateTime? ValidUntil,
    DateTime? RevokedAt,
    string? RevocationReason,
    string? EvidenceUrl,
    CredentialKind Kind,
    Guid RecipientId)
{
    public string State(DateTime now) => RevokedAt != null ? "Revoked" : ValidUntil is { } until && until <= now ? "Expired" : "Valid";

    internal static async Task<IReadOnlyList<CredentialView>> OfAsync(IReadOnlyList<IssuedCredential> credentials, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, CancellationToken cancellationToken)
    {
        var issuers = (await organizations.ListAsync(credentials.Select(c => c.IssuerId).Distinct(), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var recipients = (await people.GetAsync(credentials.Select(c => c.RecipientId).Distinct(), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        return credentials.Select(c =>
        {
            var json = JsonNode.Parse(c.Json)!;
            var achievement = json["credentialSubject"]?["achievement"];
            return new CredentialView(c.Id, CredentialDocument.Url(origin.Value, c.Id), c.Name, (string?)achievement?["description"] ?? "",
                (string?)achievement?["criteria"]?["narrative"] ?? "", (string?)achievement?["image"]?["id"] ?? "",
                issuers.GetValueOrDefault(c.IssuerId, "A former issuer"), recipients.GetValueOrDefault(c.RecipientId, "A former member"),
                c.Hours, c.ValidFrom, c.ValidUntil, c.RevokedAt, c.RevocationReason,
                json["evidence"] is JsonArray { Count: > 0 } evidence ? (string?)evidence[0]?["id"] : null, c.Kind, c.RecipientId);
        }).ToList();
    }

    internal static async Task<CredentialView?> FindAsync(PLBadgesDbContext db, string id, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, CancellationToken cancellationToken) =>
        await Api.CredentialEndpoints.FindAsync(db, id, cancellationToken) is { } credential
            ? (await OfAsync([credential], organizations, people, origin, cancellationToken))[0]
            : null;
}
