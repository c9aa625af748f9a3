using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;
using PLBadges.Identity.Contracts;
using PLBadges.Recognition.Contracts;

namespace PLBadges.Recognition.Applications;

/// <summary>
/// What the educator is told as their application moves (mail, queued with the change, and an in-site
/// notice), and the event a decision raises for the licensure feed.
/// </summary>
public sealed class ApplicationMessages(IEmailOutbox mail, IInbox inbox, IEventOutbox events, SiteOrigin origin, TimeProvider clock)
{
    /// <summary>Tells the educator (mail and in the site), and the feed when decided.</summary>
    internal async Task NotifyAsync(RecognitionApplication application, PersonInfo person, CancellationToken cancellationToken)
    {
        var link = $"{origin.Value}/me/recognition/{application.Id}";
        var key = $"recognition:{application.Id}:{application.Status}";
        switch (application.Status)
        {
            case ApplicationStatus.Waiting:
                await mail.QueueAsync(RecognitionEmails.Received.Name, person.Email,
                    new Dictionary<string, object?> { ["name"] = person.DisplayName, ["program"] = application.ProgrammeName, ["summary"] = application.Summary, ["link"] = link },
                    application.StateId, key, cancellationToken);
                await inbox.AddAsync(person.Id, $"Your application for {application.ProgrammeName} is with the reviewers.", $"/me/recognition/{application.Id}", key, cancellationToken);
                break;
            case ApplicationStatus.MoreAsked:
                key += $":{clock.GetUtcNow().UtcDateTime.Ticks}"; // each request for more is told
                await mail.QueueAsync(RecognitionEmails.MoreAsked.Name, person.Email,
                    new Dictionary<string, object?> { ["name"] = person.DisplayName, ["program"] = application.ProgrammeName, ["message"] = application.ReviewerMessage, ["link"] = link },
                    application.StateId, key, cancellationToken);
                await inbox.AddAsync(person.Id, $"The reviewer of your application for {application.ProgrammeName} asks for more.", $"/me/recognition/{application.Id}", key, cancellationToken);
                break;
            default:
                var approved = application.Status == ApplicationStatus.Approved;
                var outcome = approved ? "Approved" : "Declined";
                await mail.QueueAsync(RecognitionEmails.Decided.Name, person.Email,
                    new Dictionary<string, object?>
                    {
                        ["name"] = person.DisplayName, ["program"] = application.ProgrammeName, ["outcome"] = outcome,
                        ["summary"] = approved ? application.Summary : "", ["message"] = application.ReviewerMessage ?? (application.ByRule ? "Approved by rule: every credential is endorsed by the state." : ""), ["link"] = link,
                    },
                    application.StateId, key, cancellationToken);
                await inbox.AddAsync(person.Id, $"Your application for {application.ProgrammeName} was {outcome.ToLowerInvariant()}.", $"/me/recognition/{application.Id}", key, cancellationToken);
                events.Add(new RecognitionDecided(application.Id, application.StateId, application.PersonId, approved, application.DecidedAt ?? clock.GetUtcNow().UtcDateTime));
                break;
        }
    }
}
