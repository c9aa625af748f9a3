using PLBadges.Abstractions.Notifications;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;

namespace PLBadges.Evidence.Notifications;

/// <summary>Tells the teacher of a decision, by email and inside the site, in the decision's own transaction.</summary>
public sealed class DecisionMessages(IEmailOutbox mail, IInbox inbox, IPeopleDirectory people)
{
    internal async Task DecisionAsync(Submission submission, Decision decision, bool canResubmit, CancellationToken cancellationToken)
    {
        var teacher = (await people.GetAsync([submission.TeacherId], cancellationToken)).FirstOrDefault();
        var href = $"/me/submissions/{submission.Id}";
        var passed = decision == Decision.Pass;
        var outcome = passed ? "passed" : "not yet";
        var key = $"evidence.decision:{submission.Id}:{submission.Attempt}";
        await inbox.AddAsync(submission.TeacherId, $"{submission.Title}: {outcome}. Read the feedback.", href, key, cancellationToken);
        if (teacher is { IsActive: true })
        {
            await mail.QueueAsync(EvidenceEmails.Decision, teacher.Email, new Dictionary<string, object?>
            {
                ["name"] = teacher.DisplayName,
                ["title"] = submission.Title,
                ["outcome"] = outcome,
                ["passed"] = passed,
                ["can_resubmit"] = canResubmit,
                ["path"] = href,
            }, submission.DistrictId, key, cancellationToken);
        }
    }
}
