using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Notifications;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;

namespace PLBadges.Credentials.Issuing;

/// <summary>The emails Credentials sends to the person a badge is for.</summary>
internal static class CredentialEmails
{
    public const string Earned = "credentials.earned";
    public const string Revoked = "credentials.revoked";

    public static IEnumerable<EmailTemplateDefinition> All =>
    [
        new(Earned, "To an educator the moment a badge is issued to them", "You earned a badge: {{ badge }}",
            """
            Hello {{ name }},

            You earned a badge: {{ badge }}, from {{ issuer }}.

            ![Badge: {{ badge }}]({{ site_url }}{{ image }})

            [See your badge and share it]({{ site_url }}{{ path }})

            From that page you can add it to your LinkedIn profile, send it by email, put it on a web page, or download it. It is an Open Badges 3.0 credential: anyone can check it, without an account.
            """,
            ["name", "badge", "issuer", "image", "path"]),
        new(Revoked, "To an educator whose badge the district revoked", "Your badge was revoked: {{ badge }}",
            """
            Hello {{ name }},

            {{ issuer }} revoked your badge "{{ badge }}" on {{ date }}. The reason they gave: {{ reason }}

            Anyone who checks the badge now sees that it was revoked, with that reason, and it can no longer be shared. If you think this is a mistake, reply to your district's PLBadges administrator: they can restore it. Your submissions and feedback are still on the site.

            See the badge: {{ site_url }}{{ path }}
            """,
            ["name", "badge", "issuer", "date", "reason", "path"]),
    ];
}

/// <summary>Tells the educator the moment a badge is issued to them: an email with the badge and a notice in the site, both leading to the badge.</summary>
internal sealed class EarnedMessages(PLBadgesDbContext db, IEmailOutbox mail, IInbox inbox, IPeopleDirectory people, IssuerNames issuers) : IEventHandler<CredentialIssued>
{
    public async Task HandleAsync(CredentialIssued domainEvent, CancellationToken cancellationToken)
    {
        var credential = await db.Set<IssuedCredential>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == domainEvent.CredentialId, cancellationToken);
        if (credential == null || credential.RevokedAt != null)
        {
            return;
        }

        var href = EarnedBadges.OwnerHref(credential.Id);
        var key = $"credentials.earned:{credential.Id}";
        await inbox.AddAsync(credential.RecipientId, $"You earned a badge: {credential.Name}. See it and share it.", href, key, cancellationToken);
        if ((await people.GetAsync([credential.RecipientId], cancellationToken)).FirstOrDefault() is { IsActive: true } person)
        {
            await mail.QueueAsync(CredentialEmails.Earned, person.Email, new Dictionary<string, object?>
            {
                ["name"] = person.DisplayName,
                ["badge"] = credential.Name,
                ["issuer"] = await issuers.NameAsync(credential.IssuerId, cancellationToken) ?? "Your district",
                ["image"] = $"/credentials/{Uri.EscapeDataString(credential.Id)}.png",
                ["path"] = href,
            }, credential.IssuerId, key, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
