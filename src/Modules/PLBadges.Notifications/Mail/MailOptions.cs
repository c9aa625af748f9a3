using System.ComponentModel.DataAnnotations;

namespace PLBadges.Notifications.Mail;

/// <summary>Mail settings. With no SMTP host, messages are written as .eml files to the pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required]
    public string From { get; set; } = "PLBadges <no-reply@plbadges.test>";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>"Auto" (STARTTLS when offered), "None", "StartTls" or "SslOnConnect".</summary>
    [RegularExpression("^(Auto|None|StartTls|SslOnConnect)$")]
    public string Security { get; set; } = "Auto";

    /// <summary>Relative to the data folder unless rooted.</summary>
    public string PickupFolder { get; set; } = "mail-pickup";

    /// <summary>The site's public address, used in links inside messages.</summary>
    public string? PublicBaseUrl { get; set; }
}
