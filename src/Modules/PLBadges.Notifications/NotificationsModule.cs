using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Notifications;
using PLBadges.Notifications.Inbox;
using PLBadges.Notifications.Mail;
using PLBadges.Notifications.Templates;

[assembly: PLBadgesModule(typeof(NotificationsModule))]

namespace PLBadges.Notifications;

/// <summary>Email through an outbox, from Liquid templates that a district can edit.</summary>
public sealed class NotificationsModule : ModuleStartup
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string EditTemplates = "Notifications.EditTemplates";
    }

    public static readonly Permission EditTemplates = new(Names.EditTemplates, "Edit the wording of the district's emails", Role.DistrictAdmin);

    public override string Name => "Notifications";

    public override bool IsCore => true;

    public override IReadOnlyList<string> Dependencies => ["Organizations"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateRenderer>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<IInbox, SiteInbox>();
        services.AddScoped<IUnreadNotifications, UnreadNotifications>();
        services.AddSingleton<MailSender>();
        services.AddRecurringWork<MailSender>("mail", "* * * * *", WorkOverlap.Allowed); // leases: every node shares a backlog
        services.AddWorkOnInsert<EmailMessage, MailSender>();
        services.AddHostedService<MailModeReport>();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<EmailMessage>(e =>
        {
            e.ToTable("EmailMessages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.IdempotencyKey).IsUnique();
            e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            e.Property(m => m.IdempotencyKey).HasMaxLength(200);
            e.Property(m => m.Template).HasMaxLength(100);
            e.Property(m => m.To).HasMaxLength(320);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.LastError).HasMaxLength(1000);
        });
        model.Entity<InboxItem>(e =>
        {
            e.ToTable("InboxItems");
            e.HasKey(i => i.Id);
            e.HasIndex(i => i.IdempotencyKey).IsUnique();
            e.HasIndex(i => new { i.PersonId, i.CreatedAt });
            e.Property(i => i.IdempotencyKey).HasMaxLength(200);
            e.Property(i => i.Text).HasMaxLength(500);
            e.Property(i => i.Href).HasMaxLength(500);
        });
        model.Entity<EmailTemplateOverride>(e =>
        {
            e.ToTable("EmailTemplateOverrides");
            e.HasKey(o => o.Id);
            e.HasIndex(o => new { o.OrganizationId, o.Template }).IsUnique();
            e.Property(o => o.Template).HasMaxLength(100);
            e.Property(o => o.Subject).HasMaxLength(500);
        });
    }

    public override IEnumerable<Permission> Permissions => [EditTemplates];

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Notifications", "/me/notifications", 15, NavigationAudience.SignedIn, null, NavigationSections.Account),
        new("Email templates", "/district/templates", 400, NavigationAudience.Permission, EditTemplates, NavigationSections.District),
    ];

    /// <summary>Says at start-up where mail goes, so nobody wonders why nothing arrives.</summary>
    private sealed class MailModeReport(IOptions<MailOptions> options, DataFolder dataFolder, ILogger<MailModeReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var mail = options.Value;
            if (string.IsNullOrWhiteSpace(mail.SmtpHost))
            {
                var folder = Path.IsPathRooted(mail.PickupFolder) ? mail.PickupFolder : Path.Combine(dataFolder.Path, mail.PickupFolder);
                logger.LogWarning("No SMTP server is configured (Mail:SmtpHost); emails are written as .eml files to {PickupFolder}", folder);
            }
            else
            {
                logger.LogInformation("Emails are sent through SMTP at {Host}:{Port}", mail.SmtpHost, mail.SmtpPort);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
