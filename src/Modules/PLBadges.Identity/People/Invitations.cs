using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Identity;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;

namespace PLBadges.Identity.People;

/// <summary>
/// Emails that carry a one-time link: invitations, email confirmation, password reset. The links use
/// Identity's tokens, which stop working once used because the person's security stamp changes.
/// </summary>
public sealed class Invitations(UserManager<Person> users, IEmailOutbox email, SiteOrigin origin)
{
    public async Task InviteAsync(Person person, string organizationName, Guid? organizationId, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(person);
        var link = Link("/account/accept-invite", person.Id, token);
        await email.QueueAsync(IdentityEmails.Invite, person.Email!, new Dictionary<string, object?>
        {
            ["name"] = person.DisplayName,
            ["organization"] = organizationName,
            ["link"] = link,
        }, organizationId, cancellationToken: cancellationToken);
    }

    /// <summary>Asks a person who has an account already to join a district; they accept on their invitations page once signed in.</summary>
    public Task InviteToDistrictAsync(string to, string name, string districtName, Guid districtId, CancellationToken cancellationToken) =>
        email.QueueAsync(IdentityEmails.JoinDistrict, to, new Dictionary<string, object?>
        {
            ["name"] = name,
            ["organization"] = districtName,
            ["link"] = $"{origin.Value}/me/invitations",
        }, districtId, cancellationToken: cancellationToken);

    public async Task SendConfirmationAsync(Person person, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(person);
        await email.QueueAsync(IdentityEmails.ConfirmEmail, person.Email!, new Dictionary<string, object?>
        {
            ["name"] = person.DisplayName,
            ["link"] = Link("/account/confirm-email", person.Id, token),
        }, null, cancellationToken: cancellationToken);
    }

    public async Task SendPasswordResetAsync(Person person, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(person);
        await email.QueueAsync(IdentityEmails.ResetPassword, person.Email!, new Dictionary<string, object?>
        {
            ["name"] = person.DisplayName,
            ["link"] = Link("/account/reset-password", person.Id, token),
        }, null, cancellationToken: cancellationToken);
    }

    public static string EncodeToken(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Link(string path, Guid personId, string token)
    {
        return $"{origin.Value}{path}?person={personId}&token={EncodeToken(token)}";
    }
}
