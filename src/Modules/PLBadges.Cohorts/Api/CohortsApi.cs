using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Readiness;
using PLBadges.Data;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Api;

public sealed record CohortSummaryResponse(Guid Id, Guid DistrictId, string Name, string ProgrammeYear, string Role);

public sealed record TeamMemberResponse(Guid SchoolId, Guid PersonId, string Role);

public sealed record SessionResourceResponse(Guid Id, string Title, string Url, string Type);

public sealed record SessionResponse(Guid Id, string Title, DateTime StartUtc, DateTime EndUtc, string? Place, string? OnlineLink, string AgendaMarkdown, IReadOnlyList<SessionResourceResponse> Resources);

public sealed record RequirementResponse(Guid MicroCredentialId, string Title, string Scope);

public sealed record CohortResponse(Guid Id, Guid DistrictId, string Name, string ProgrammeYear, double RequiredAttendance, Guid? FacilitatorId, IReadOnlyList<Guid> SchoolIds,
    IReadOnlyList<TeamMemberResponse> Team, IReadOnlyList<SessionResponse> Sessions, IReadOnlyList<Guid> RequiredMicroCredentialIds, IReadOnlyList<RequirementResponse> Requirements);

public sealed record AttendanceMarkResponse(Guid PersonId, bool Present, DateTime RecordedAt);

public sealed record AttendanceRequest(IReadOnlyList<Guid>? Present);

public sealed record ReadinessRowResponse(Guid SchoolId, string School, DateOnly? RolloutDate, int? MonthsUntilRollout, string? Academy, DateOnly? AcademyBegan, int TeamSize,
    IReadOnlyList<string> MissingRoles, int SessionsHeld, double? AttendanceShare, double? LearningShare, int Teachers, double? EngagedShare, string State, bool Overdue, IReadOnlyList<string> Reasons);

internal static class CohortsApi
{
    public static void MapCohortsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Academies").RequireScope(ApiScopes.CohortsRead);
        var write = endpoints.MapGroup("/api/v1").WithTags("Academies").RequireScope(ApiScopes.CohortsWrite);
        api.MapGet("/cohorts", ListAsync).WithName("ListCohorts")
            .WithSummary("The academies the signed-in person runs (district admins), facilitates or belongs to.");
        api.MapGet("/cohorts/{id:guid}", GetAsync).WithName("GetCohort")
            .WithSummary("One academy with its schools, leadership teams, sessions and required learning; 404 for anyone who may not see it.");
        api.MapGet("/cohorts/sessions/{id:guid}/attendance", AttendanceAsync).WithName("GetSessionAttendance")
            .WithSummary("A session's recorded attendance, for its facilitator or the district's admins.");
        write.MapPut("/cohorts/sessions/{id:guid}/attendance", RecordAsync).WithName("RecordSessionAttendance")
            .WithSummary("Records who came: every team member is marked, present when listed. 422 with the reason (problem details) when refused.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/readiness", ReadinessAsync).WithName("ListReadiness")
            .WithSummary("The readiness rows the signed-in person may see: a district admin's district, a school leader's school.");
    }

    private static async Task<Ok<List<CohortSummaryResponse>>> ListAsync(CohortService cohorts, PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        var me = cohorts.PersonId ?? Guid.Empty;
        var districts = (await cohorts.ManagedDistrictsAsync(cancellationToken)).Select(d => d.Id).ToList();
        var memberOf = db.Set<TeamMember>().Where(m => m.PersonId == me).Select(m => m.CohortId);
        var list = await db.Set<Cohort>().AsNoTracking().Where(c => districts.Contains(c.DistrictId) || c.FacilitatorId == me || memberOf.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(c => new CohortSummaryResponse(c.Id, c.DistrictId, c.Name, c.ProgrammeYear,
            districts.Contains(c.DistrictId) ? "Manager" : c.FacilitatorId == me ? "Facilitator" : "Member")).ToList());
    }

    private static async Task<Results<Ok<CohortResponse>, NotFound>> GetAsync(Guid id, CohortService cohorts, PLBadgesDbContext db, IResourceLibrary library, CancellationToken cancellationToken)
    {
        var cohort = await db.Set<Cohort>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cohort == null || await cohorts.RoleInAsync(cohort, cancellationToken) == CohortRole.None)
        {
            return TypedResults.NotFound();
        }

        var schools = await db.Set<CohortSchool>().AsNoTracking().Where(s => s.CohortId == id).Select(s => s.SchoolId).ToListAsync(cancellationToken);
        var team = await db.Set<TeamMember>().AsNoTracking().Where(m => m.CohortId == id).ToListAsync(cancellationToken);
        var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => s.CohortId == id).OrderBy(s => s.StartUtc).ToListAsync(cancellationToken);
        var required = await db.Set<CohortRequirement>().AsNoTracking().Where(r => r.CohortId == id).OrderBy(r => r.Title).ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var attached = await db.Set<CohortSessionResource>().AsNoTracking().Where(r => sessionIds.Contains(r.SessionId)).ToListAsync(cancellationToken);
        var resources = (await library.GetAsync(attached.Select(r => r.ResourceId), cancellationToken)).ToDictionary(r => r.Id);
        return TypedResults.Ok(new CohortResponse(cohort.Id, cohort.DistrictId, cohort.Name, cohort.ProgrammeYear, cohort.RequiredAttendance, cohort.FacilitatorId, schools,
            team.Select(m => new TeamMemberResponse(m.SchoolId, m.PersonId, m.Role.ToString())).ToList(),
            sessions.Select(s => new SessionResponse(s.Id, s.Title, s.StartUtc, s.EndUtc, s.Place, s.OnlineLink, s.AgendaMarkdown,
                attached.Where(r => r.SessionId == s.Id && resources.ContainsKey(r.ResourceId)).Select(r => resources[r.ResourceId]).Select(r => new SessionResourceResponse(r.Id, r.Title, r.Url, r.Type)).ToList())).ToList(),
            required.Select(r => r.MicroCredentialId).ToList(),
            required.Select(r => new RequirementResponse(r.MicroCredentialId, r.Title, r.Scope.ToString())).ToList()));
    }

    private static async Task<Results<Ok<List<AttendanceMarkResponse>>, NotFound>> AttendanceAsync(Guid id, CohortService cohorts, PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        if (await cohorts.FacilitatedAsync(id, cancellationToken) == null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Set<SessionAttendance>().AsNoTracking().Where(a => a.SessionId == id).OrderBy(a => a.PersonId)
            .Select(a => new AttendanceMarkResponse(a.PersonId, a.Present, a.RecordedAt)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> RecordAsync(Guid id, AttendanceRequest request, CohortService cohorts, CancellationToken cancellationToken)
    {
        if (await cohorts.FacilitatedAsync(id, cancellationToken) == null)
        {
            return TypedResults.NotFound();
        }

        await cohorts.RecordAttendanceAsync(id, (request.Present ?? []).Distinct().ToList(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<ReadinessRowResponse>>> ReadinessAsync(ReadinessBoard board, CancellationToken cancellationToken) =>
        TypedResults.Ok((await board.BuildAsync(cancellationToken)).Rows.Select(r => new ReadinessRowResponse(r.School.Id, r.School.Name, r.School.DeviceRolloutDate, r.Judgement.MonthsUntilRollout,
            r.CohortName, r.AcademyBegan, r.TeamSize, r.Judgement.MissingRoles.Select(m => m.ToString()).ToList(), r.SessionsHeld, r.Judgement.AttendanceShare, r.Judgement.LearningShare,
            r.Teachers, r.Judgement.EngagedShare, r.Judgement.State.ToString(), r.Judgement.Overdue, r.Judgement.Reasons)).ToList());
}
