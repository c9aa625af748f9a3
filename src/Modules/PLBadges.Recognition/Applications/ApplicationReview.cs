using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Applications;

public enum Decision
{
    Approve,
    AskForMore,
    Decline,
}

/// <summary>
/// Deciding applications: who may read and decide one (the state's reviewers, or a district's admins
/// where the state leaves approval to districts; never the educator themselves), their queue, and the
/// decision, told to the educator in the same transaction.
/// </summary>
public sealed class ApplicationReview(
    PLBadgesDbContext db,
    IAccessControl access,
    IPeopleDirectory people,
    ProgrammeService programmes,
    ApplicationEvaluation evaluation,
    ApplicationMessages messages,
    TimeProvider clock)
{
    public Guid? CurrentPersonId => access.PersonId;

    /// <summary>An application with its items, when the signed-in person may see it: its educator, or one who may decide it.</summary>
    internal async Task<(RecognitionApplication Application, IReadOnlyList<ApplicationItem> Items, bool MayDecide)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Set<RecognitionApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application == null)
        {
            return null;
        }

        var mayDecide = await MayDecideAsync(application, cancellationToken);
        if (!mayDecide && application.PersonId != access.PersonId)
        {
            return null;
        }

        var items = await db.Set<ApplicationItem>().AsNoTracking().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        return (application, items, mayDecide);
    }

    /// <summary>The state's reviewers decide every application of the state; a district's admins those the state leaves to districts.</summary>
    private async Task<bool> MayDecideAsync(RecognitionApplication application, CancellationToken cancellationToken) =>
        application.PersonId != access.PersonId // no one decides their own application, whatever else they review
        && (await access.HasAsync(RecognitionPermissions.Review, application.StateId, cancellationToken)
        || (application.Approval == ApprovalBy.District && await access.HasAsync(RecognitionPermissions.DecideForDistrict, application.DistrictId, cancellationToken)));

    /// <summary>The applications the signed-in person may decide: waiting first (oldest first), then the latest decided.</summary>
    internal async Task<IReadOnlyList<RecognitionApplication>> QueueAsync(bool decided, CancellationToken cancellationToken)
    {
        var states = (await programmes.ReviewedStatesAsync(cancellationToken)).Select(s => s.Id).ToList();
        var districts = (await access.ScopeAsync(RecognitionPermissions.DecideForDistrict, cancellationToken)) is { IsEmpty: false } scope ? scope : null;
        var districtIds = districts?.OrganizationIds.ToList() ?? [];
        var all = districts?.All == true;
        var me = access.PersonId ?? Guid.Empty;
        var query = db.Set<RecognitionApplication>().AsNoTracking()
            .Where(a => a.PersonId != me && (states.Contains(a.StateId) || (a.Approval == ApprovalBy.District && (all || districtIds.Contains(a.DistrictId)))));
        query = decided
            ? query.Where(a => a.Status == ApplicationStatus.Approved || a.Status == ApplicationStatus.Declined)
            : query.Where(a => a.Status == ApplicationStatus.Waiting || a.Status == ApplicationStatus.MoreAsked);
        var list = await query.ToListAsync(cancellationToken);
        return decided ? list.OrderByDescending(a => a.DecidedAt).Take(100).ToList() : list.OrderBy(a => a.Status).ThenBy(a => a.SubmittedAt).ToList();
    }

    /// <summary>A reviewer's decision: approve (units read again with the cycle as it stands now), ask for more, or decline with a reason.</summary>
    public async Task DecideAsync(Guid id, Decision decision, string? message, CancellationToken cancellationToken)
    {
        var application = await db.Set<RecognitionApplication>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application == null || !await MayDecideAsync(application, cancellationToken))
        {
            throw new RuleException("No such application among those you decide.");
        }

        if (application.Status != ApplicationStatus.Waiting && !(application.Status == ApplicationStatus.MoreAsked && decision == Decision.Decline))
        {
            throw new RuleException(application.Status == ApplicationStatus.MoreAsked
                ? "The educator has been asked for more; it can be decided once they answer (or declined)."
                : "This application has already been decided.");
        }

        message = (message ?? "").Trim();
        if (message.Length > ApplicationService.MaxNoteLength || (decision != Decision.Approve && message.Length == 0))
        {
            throw new RuleException(decision == Decision.Approve ? $"The message can be at most {ApplicationService.MaxNoteLength} characters."
                : decision == Decision.AskForMore ? "Say what more you need: the educator is sent your words." : "Give the reason for declining: the educator is sent it.", "message");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        application.ReviewerMessage = message.Length > 0 ? message : null;
        switch (decision)
        {
            case Decision.Approve:
            {
                var view = await programmes.ProgrammeAsync(application.ProgrammeId, cancellationToken) ?? throw new InvalidOperationException("The program is gone.");
                var version = view.Stored.First(v => v.Id == application.VersionId);
                var items = await db.Set<ApplicationItem>().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
                var revoked = await evaluation.RefreshAsync(application, items, cancellationToken);
                await evaluation.EvaluateAsync(application, items, view, version, refuseUnmet: false, cancellationToken);
                foreach (var item in revoked)
                {
                    item.Reason = "Revoked by its issuer since the application was made: it counts nothing.";
                }

                application.Status = ApplicationStatus.Approved;
                break;
            }

            case Decision.AskForMore:
                application.Status = ApplicationStatus.MoreAsked;
                break;
            default:
                application.Status = ApplicationStatus.Declined;
                break;
        }

        if (decision != Decision.AskForMore)
        {
            application.DecidedAt = now;
            application.DecidedBy = access.PersonId;
        }

        var person = (await people.GetAsync([application.PersonId], cancellationToken)).First();
        await messages.NotifyAsync(application, person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken); // a second reviewer deciding at once: the concurrency token refuses one
    }
}
