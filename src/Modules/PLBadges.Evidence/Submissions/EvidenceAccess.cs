using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Evidence.Reviewing;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Evidence.Submissions;

/// <summary>Where a person works as a teacher or as a reviewer, as evidence rules need it.</summary>
public sealed record Placement(Guid DistrictId, Guid? SchoolId);

/// <summary>The districts a coach reviews for, and the schools they belong to (for the own-school rule).</summary>
public sealed record ReviewerReach(bool Everywhere, IReadOnlySet<Guid> Districts, IReadOnlySet<Guid> OwnSchools)
{
    public bool IsEmpty => !Everywhere && Districts.Count == 0;

    public bool Reaches(Guid districtId) => Everywhere || Districts.Contains(districtId);
}

/// <summary>
/// Need-to-know access to evidence: the teacher always; reviewers of the submission's district once
/// it is submitted; nobody else. Every look by someone other than the teacher is logged.
/// </summary>
public sealed class EvidenceAccess(IAccessControl access, IOrganizationDirectory organizations, PLBadgesDbContext db, TimeProvider clock)
{
    private ReviewerReach? reach;

    public Guid? PersonId => access.PersonId;

    /// <summary>Where the person works as a teacher: the first school (or district) where they may submit.</summary>
    public async Task<Placement?> TeacherPlacementAsync(CancellationToken cancellationToken) =>
        await PlacementOfAsync(await access.RolesAsync(cancellationToken), cancellationToken);

    /// <summary>Where a person with these roles submits from: their school (and its district), or a district.</summary>
    internal async Task<Placement?> PlacementOfAsync(IReadOnlyList<RoleAssignment> roles, CancellationToken cancellationToken)
    {
        foreach (var role in roles.Where(r => r.OrganizationId != null && EvidencePermissions.Submit.IsGrantedTo(r.Role)).OrderBy(r => r.Role))
        {
            var organization = await organizations.GetAsync(role.OrganizationId!.Value, cancellationToken);
            if (organization?.Kind == OrganizationKind.School && organization.DistrictId is { } district)
            {
                return new Placement(district, organization.Id);
            }

            if (organization?.Kind == OrganizationKind.District)
            {
                return new Placement(organization.Id, null);
            }
        }

        return null;
    }

    public async Task<ReviewerReach> ReviewerReachAsync(CancellationToken cancellationToken)
    {
        if (reach != null)
        {
            return reach;
        }

        var roles = await access.RolesAsync(cancellationToken);
        if (roles.Any(r => r.Role == Role.PlatformAdmin))
        {
            return reach = new ReviewerReach(true, new HashSet<Guid>(), new HashSet<Guid>());
        }

        var districts = new HashSet<Guid>();
        var schools = new HashSet<Guid>();
        foreach (var role in roles.Where(r => r.OrganizationId != null && EvidencePermissions.Review.IsGrantedTo(r.Role)))
        {
            var organization = await organizations.GetAsync(role.OrganizationId!.Value, cancellationToken);
            if (organization == null)
            {
                continue;
            }

            if (organization.Kind == OrganizationKind.School)
            {
                schools.Add(organization.Id);
            }

            if ((organization.Kind == OrganizationKind.District ? organization.Id : organization.DistrictId) is { } district)
            {
                districts.Add(district);
            }
        }

        return reach = new ReviewerReach(false, districts, schools);
    }

    /// <summary>May the person see this submission's evidence? Drafts are the teacher's alone.</summary>
    internal async Task<bool> CanSeeAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return false;
        }

        if (submission.TeacherId == me)
        {
            return true;
        }

        if (submission.State == SubmissionState.Draft || submission.PurgedAt != null)
        {
            return false;
        }

        // A reviewer of the district, or anyone who has reviewed this submission (a claim that lapsed still saw it).
        return (await ReviewerReachAsync(cancellationToken)).Reaches(submission.DistrictId)
            || await db.Set<Review>().AnyAsync(r => r.SubmissionId == submission.Id && r.ReviewerId == me, cancellationToken);
    }

    /// <summary>Records a look at the evidence by anyone but its teacher (added to the current unit of work).</summary>
    internal void LogView(Submission submission, Guid? artifactId = null)
    {
        if (access.PersonId is { } me && me != submission.TeacherId)
        {
            db.Add(new EvidenceView { Id = Guid.NewGuid(), SubmissionId = submission.Id, ViewerId = me, ArtifactId = artifactId, At = clock.GetUtcNow().UtcDateTime });
        }
    }

    /// <summary>
    /// Records a download of an evidence file, once per viewer, file and hour: a document viewer's
    /// many range requests are one look. Saved at once, under a lock so parallel ranges log it once.
    /// </summary>
    internal async Task LogFileViewAsync(Submission submission, Guid artifactId, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || me == submission.TeacherId)
        {
            return;
        }

        await db.InTransactionAsync(async ct =>
        {
            await db.LockInTransactionAsync(new LockKey($"evidence-file-view:{me:N}", artifactId), ct);
            var since = clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1);
            if (!await db.Set<EvidenceView>().AnyAsync(v => v.ViewerId == me && v.ArtifactId == artifactId && v.At > since, ct))
            {
                LogView(submission, artifactId);
            }
        }, cancellationToken);
    }
}
