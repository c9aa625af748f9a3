using PLBadges.Abstractions.Notifications;

namespace PLBadges.Identity.People;

internal static class IdentityEmails
{
    public const string ConfirmEmail = "identity.confirm-email";
    public const string ResetPassword = "identity.reset-password";
    public const string Invite = "identity.invite";
    public const string JoinDistrict = "identity.join-district";

    public static IEnumerable<EmailTemplateDefinition> All =>
    [
        new(ConfirmEmail, "Confirm an email address", "Confirm your PLBadges email address",
            """
            Hello {{ name }},

            Please confirm your email address for PLBadges by opening this link:

            {{ link }}

            If you did not ask for this, you can ignore this message.
            """,
            ["name", "link"]),
        new(ResetPassword, "Reset a password", "Reset your PLBadges password",
            """
            Hello {{ name }},

            Someone asked to reset the password of your PLBadges account. To choose a new password, open this link (it works once):

            {{ link }}

            If it was not you, you can ignore this message; your password stays as it is.
            """,
            ["name", "link"]),
        new(Invite, "Invite a person", "You are invited to PLBadges by {{ organization }}",
            """
            Hello {{ name }},

            {{ organization }} has invited you to PLBadges, where you can earn micro-credentials for your professional learning during your planning time.

            To set your password and sign in, open this link (it works once):

            {{ link }}
            """,
            ["name", "organization", "link"]),
        new(JoinDistrict, "Invite a person who has an account already", "{{ organization }} invites you to join it on PLBadges",
            """
            Hello {{ name }},

            {{ organization }} would like to add you to its people on PLBadges. You already have a PLBadges account with this email address, so nothing changes until you accept.

            To accept or decline, sign in as you always do and open:

            {{ link }}

            Until you accept, {{ organization }} sees only your name and email as it typed them.
            """,
            ["name", "organization", "link"]),
    ];
}
