using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Calendar;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Cohorts.Contracts;
using PLBadges.Cohorts.Readiness;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Academy;

/// <summary>One member on a session's attendance sheet; Present is null until recorded.</summary>
public sealed record AttendanceLine(Guid PersonId, string Name, string School, bool? Present);

/// <summary>A session's attendance sheet.</summary>
public sealed record AttendanceSheet(Guid SessionId, Guid CohortId, string CohortName, string Title, DateTime LocalStart, bool Begun, IReadOnlyList<AttendanceLine> Members, bool Manages);

/// <summary>A change the rules refuse; the message is for the person who asked.</summary>

/// <summary>How a person stands to an academy.</summary>
public enum CohortRole
{
    None,
    Member,
    Facilitator,
    Manager,
}

/// <summary>
/// Runs academies: only the district's admins change them; the facilitator (or an admin) takes
/// attendance; members see their own. Every change is one SaveChanges (one transaction), checked
/// first, so a refused change leaves nothing behind.
/// </summary>
public sealed class CohortService(
    PLBadgesDbContext db,
    IAccessControl access,
    IOrganizationDirectory organizations,
    IReachedOrganizations reached,
    IPeopleDirectory people,
    IMicroCredentialCatalog catalog,
    IResourceLibrary library,
    IEventOutbox events,
    IEmailOutbox mail,
    IInvitationWriter invitations,
    SiteOrigin origin,
    TimeProvider clock)
{
    public Guid? PersonId => access.PersonId;

    /// <summary>The districts where the person runs academies.</summary>
    public Task<IReadOnlyList<OrganizationInfo>> ManagedDistrictsAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(CohortPermissions.Manage, OrganizationKind.District, cancellationToken);

    internal async Task<CohortRole> RoleInAsync(Cohort cohort, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return CohortRole.None;
        }

        if (await access.HasAsync(CohortPermissions.Manage, cohort.DistrictId, cancellationToken))
        {
            return CohortRole.Manager;
        }

        if (cohort.FacilitatorId == me)
        {
            return CohortRole.Facilitator;
        }

        return await db.Set<TeamMember>().AnyAsync(m => m.CohortId == cohort.Id && m.PersonId == me, cancellationToken) ? CohortRole.Member : CohortRole.None;
    }

    /// <summary>The cohort when the person may manage it; null (as if it did not exist) otherwise.</summary>
    internal async Task<Cohort?> ManagedAsync(Guid cohortId, CancellationToken cancellationToken) =>
        await db.Set<Cohort>().FirstOrDefaultAsync(c => c.Id == cohortId, cancellationToken) is { } cohort && await RoleInAsync(cohort, cancellationToken) == CohortRole.Manager ? cohort : null;

    internal async Task<Cohort> CreateAsync(Guid districtId, string? name, string? programmeYear, CancellationToken cancellationToken)
    {
        if (!await access.HasAsync(CohortPermissions.Manage, districtId, cancellationToken) || await organizations.GetAsync(districtId, cancellationToken) is not { Kind: OrganizationKind.District })
        {
            throw new RuleException("You do not run academies in that district.");
        }

        name = name?.Trim();
        programmeYear = programmeYear?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw new RuleException("Give the academy a name of at most 200 characters.");
        }

        if (string.IsNullOrEmpty(programmeYear) || programmeYear.Length > 20)
        {
            throw new RuleException("Give the program year, such as 2026–27.");
        }

        if (await db.Set<Cohort>().AnyAsync(c => c.DistrictId == districtId && c.Name == name, cancellationToken))
        {
            throw new RuleException($"The district already has an academy called {name}.");
        }

        var cohort = new Cohort { DistrictId = districtId, Name = name, ProgrammeYear = programmeYear, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(cohort);
        await db.SaveChangesAsync(cancellationToken);
        return cohort;
    }

    internal async Task AddSchoolAsync(Cohort cohort, Guid schoolId, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(schoolId, cancellationToken) is not { Kind: OrganizationKind.School } school || school.DistrictId != cohort.DistrictId)
        {
            throw new RuleException("Choose a school of the academy's district.");
        }

        if (!await db.Set<CohortSchool>().AnyAsync(s => s.CohortId == cohort.Id && s.SchoolId == schoolId, cancellationToken))
        {
            db.Add(new CohortSchool { CohortId = cohort.Id, SchoolId = schoolId });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal async Task SetMemberAsync(Cohort cohort, Guid schoolId, Guid personId, TeamRole role, CancellationToken cancellationToken)
    {
        if (!await db.Set<CohortSchool>().AnyAsync(s => s.CohortId == cohort.Id && s.SchoolId == schoolId, cancellationToken))
        {
            throw new RuleException("Add the school to the academy first.");
        }

        if (!(await SchoolPeopleAsync(schoolId, cohort.DistrictId, cancellationToken)).Any(p => p.Id == personId))
        {
            throw new RuleException("Choose someone who works at the school (or for its district).");
        }

        var existing = await db.Set<TeamMember>().FirstOrDefaultAsync(m => m.CohortId == cohort.Id && m.SchoolId == schoolId && m.PersonId == personId, cancellationToken);
        if (existing != null)
        {
            existing.Role = role;
        }
        else
        {
            db.Add(new TeamMember { CohortId = cohort.Id, SchoolId = schoolId, PersonId = personId, Role = role });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task RemoveMemberAsync(Cohort cohort, Guid schoolId, Guid personId, CancellationToken cancellationToken) =>
        await db.Set<TeamMember>().Where(m => m.CohortId == cohort.Id && m.SchoolId == schoolId && m.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

    internal async Task SetFacilitatorAsync(Cohort cohort, Guid? personId, CancellationToken cancellationToken)
    {
        var district = await organizations.WithDescendantsAsync([cohort.DistrictId], cancellationToken);
        if (personId is { } id && !(await people.RolesOfAsync(id, cancellationToken)).Any(r => r.OrganizationId is { } o && district.Contains(o)))
        {
            throw new RuleException("Choose a person of the district as facilitator.");
        }

        cohort.FacilitatorId = personId;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Requires a micro-credential the district offers (its slug), or every micro-credential of an
    /// offered pathway ("pathway:{id}"), of each member or of one member of each team. Requiring one
    /// again changes only who must earn it.
    /// </summary>
    internal async Task RequireAsync(Cohort cohort, string? choice, RequirementScope scope, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(scope))
        {
            throw new RuleException("Choose who must earn it: each member or one member of each team.");
        }

        var available = await catalog.AvailableToAsync(cohort.DistrictId, cancellationToken);
        var chosen = choice?.StartsWith("pathway:", StringComparison.Ordinal) == true && Guid.TryParse(choice["pathway:".Length..], out var pathwayId)
            ? available.Where(m => m.PathwayId == pathwayId).ToList()
            : available.Where(m => m.Slug == choice).ToList();
        if (chosen.Count == 0)
        {
            throw new RuleException("Choose a micro-credential or pathway the district offers.");
        }

        var ids = chosen.Select(c => c.MicroCredentialId).ToList();
        var existing = await db.Set<CohortRequirement>().Where(r => r.CohortId == cohort.Id && ids.Contains(r.MicroCredentialId)).ToDictionaryAsync(r => r.MicroCredentialId, cancellationToken);
        foreach (var credential in chosen)
        {
            if (existing.TryGetValue(credential.MicroCredentialId, out var requirement))
            {
                requirement.Scope = scope;
            }
            else
            {
                db.Add(new CohortRequirement { CohortId = cohort.Id, MicroCredentialId = credential.MicroCredentialId, Title = credential.Title, Scope = scope });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A session at the district's local date and times; a session already held (recorded afterwards) is allowed.</summary>
    internal async Task<CohortSession> AddSessionAsync(Cohort cohort, string? title, DateOnly? date, string? starts, string? ends, string? place, string? link, string? agenda,
        IReadOnlyCollection<Guid>? resources, CancellationToken cancellationToken)
    {
        title = title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            throw new RuleException("Give the session a title of at most 200 characters.");
        }

        if (date == null)
        {
            throw new RuleException("Give the session's date.");
        }

        if (FieldRanges.Check(DateField.AcademySession, date) is { } outside)
        {
            throw new RuleException(outside);
        }

        if (!TimeOnly.TryParseExact(starts, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(ends, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            throw new RuleException("Give the start and end times, such as 16:00.");
        }

        if (to <= from)
        {
            throw new RuleException("The session must end after it starts.");
        }

        link = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        if (link != null && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || link.Length > 500))
        {
            throw new RuleException("The online link must be a web address starting with https://.");
        }

        place = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        if (place == null && link == null)
        {
            throw new RuleException("Give a place, an online link, or both.");
        }

        if ((place?.Length ?? 0) > 200 || (agenda?.Length ?? 0) > 20000)
        {
            throw new RuleException("The place is at most 200 characters and the agenda at most 20,000.");
        }

        var offered = resources is { Count: > 0 } ? (await library.AvailableToAsync(cohort.DistrictId, cancellationToken)).Select(r => r.Id).ToHashSet() : [];
        if (resources?.Any(r => !offered.Contains(r)) == true)
        {
            throw new RuleException("Choose resources from the district's resource bank.");
        }

        var zone = await ZoneAsync(cohort.DistrictId, cancellationToken);
        var session = new CohortSession
        {
            CohortId = cohort.Id,
            Title = title,
            // A time the clocks skip or repeat is resolved by the site's one rule (ZoneTime), as coaching's are.
            StartUtc = ZoneTime.ToUtc(date.Value, from, zone).Utc,
            EndUtc = ZoneTime.ToUtc(date.Value, to, zone).Utc,
            Place = place,
            OnlineLink = link,
            AgendaMarkdown = agenda?.Trim() ?? "",
        };
        db.Add(session);
        foreach (var resource in resources?.Distinct() ?? [])
        {
            db.Add(new CohortSessionResource { SessionId = session.Id, ResourceId = resource });
        }

        await InviteAsync(cohort, session, zone, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>The invitation (.ics, METHOD:REQUEST) to each team member and the facilitator of a session still to come; queued with the session, in its transaction.</summary>
    private async Task InviteAsync(Cohort cohort, CohortSession session, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (session.StartUtc <= now)
        {
            return;
        }

        var ids = await db.Set<TeamMember>().Where(m => m.CohortId == cohort.Id).Select(m => m.PersonId).Distinct().ToListAsync(cancellationToken);
        if (cohort.FacilitatorId is { } facilitatorId)
        {
            ids.Add(facilitatorId);
        }

        var invited = (await people.GetAsync(ids.Distinct(), cancellationToken)).Where(p => p.IsActive).ToList();
        if (invited.Count == 0)
        {
            return;
        }

        var facilitator = invited.FirstOrDefault(p => p.Id == cohort.FacilitatorId);
        var entry = AcademyCalendarSource.Entry(session, cohort.Name, origin.Value);
        var ics = invitations.Invitation(entry, facilitator == null ? new Invitee(cohort.Name, "no-reply@plbadges.invalid") : new Invitee(facilitator.DisplayName, facilitator.Email),
            invited.Where(p => p.Id != cohort.FacilitatorId).Select(p => new Invitee(p.DisplayName, p.Email)).ToList(), now);
        var attachment = new EmailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8", ics);
        foreach (var person in invited)
        {
            await mail.QueueAsync(AcademyEmails.SessionInvitation.Name, person.Email, AcademyEmails.Model(person.DisplayName, cohort, session, zone, origin.Value), cohort.DistrictId,
                $"academy-session-invitation:{session.Id:N}:{person.Id:N}", cancellationToken, [attachment]);
        }
    }

    /// <summary>Records who was at a session: every member of the academy's teams, present or not. Only the facilitator or an admin; only once it has begun.</summary>
    internal async Task RecordAttendanceAsync(Guid sessionId, IReadOnlyCollection<Guid> present, CancellationToken cancellationToken)
    {
        var (session, cohort, _) = await FacilitatedAsync(sessionId, cancellationToken)
            ?? throw new RuleException("No such session among those you facilitate.");

        if (session.StartUtc > clock.GetUtcNow().UtcDateTime)
        {
            throw new RuleException("Attendance is taken once the session has begun.");
        }

        var members = await db.Set<TeamMember>().Where(m => m.CohortId == cohort.Id).Select(m => m.PersonId).Distinct().ToListAsync(cancellationToken);
        if (present.Any(p => !members.Contains(p)))
        {
            throw new RuleException("Only the academy's team members can be marked present.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var recorded = await db.Set<SessionAttendance>().Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.PersonId, cancellationToken);
        foreach (var member in members)
        {
            if (!recorded.TryGetValue(member, out var mark))
            {
                mark = new SessionAttendance { SessionId = sessionId, PersonId = member };
                db.Add(mark);
            }

            mark.Present = present.Contains(member);
            mark.RecordedBy = access.PersonId!.Value;
            mark.RecordedAt = now;
        }

        events.Add(new AcademyAttendanceRecorded(sessionId, cohort.Id, cohort.DistrictId, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A session's sheet for its facilitator or the district's admins: the members by school, and what was recorded; null for anyone else.</summary>
    internal async Task<AttendanceSheet?> SheetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (await FacilitatedAsync(sessionId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (session, cohort, role) = found;

        var team = await db.Set<TeamMember>().AsNoTracking().Where(m => m.CohortId == cohort.Id).ToListAsync(cancellationToken);
        var names = (await people.GetAsync(team.Select(m => m.PersonId), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        var schools = (await organizations.ListAsync(team.Select(m => m.SchoolId).Distinct(), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var marks = await db.Set<SessionAttendance>().AsNoTracking().Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.PersonId, a => a.Present, cancellationToken);
        var zone = await ZoneAsync(cohort.DistrictId, cancellationToken);
        var members = team.GroupBy(m => m.PersonId)
            .Select(g => new AttendanceLine(g.Key, names.GetValueOrDefault(g.Key, "a member"), string.Join(", ", g.Select(m => schools.GetValueOrDefault(m.SchoolId, ""))), marks.TryGetValue(g.Key, out var present) ? present : null))
            .OrderBy(l => l.School).ThenBy(l => l.Name).ToList();
        return new AttendanceSheet(session.Id, cohort.Id, cohort.Name, session.Title, ToLocal(zone, session.StartUtc),
            session.StartUtc <= clock.GetUtcNow().UtcDateTime, members, role == CohortRole.Manager);
    }

    /// <summary>The session, its academy and the person's role there, when they facilitate it or manage its district; null for anyone else.</summary>
    internal async Task<(CohortSession Session, Cohort Cohort, CohortRole Role)?> FacilitatedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Set<CohortSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var cohort = session == null ? null : await db.Set<Cohort>().AsNoTracking().FirstAsync(c => c.Id == session.CohortId, cancellationToken);
        var role = cohort == null ? CohortRole.None : await RoleInAsync(cohort, cancellationToken);
        return role is CohortRole.Manager or CohortRole.Facilitator ? (session!, cohort!, role) : null;
    }

    /// <summary>The district's lead time for the year-ahead rule.</summary>
    internal async Task<int> LeadMonthsAsync(Guid districtId, CancellationToken cancellationToken) =>
        await db.Set<ReadinessSettings>().AsNoTracking().Where(s => s.DistrictId == districtId).Select(s => (int?)s.LeadMonths).FirstOrDefaultAsync(cancellationToken) ?? YearAhead.DefaultLeadMonths;

    /// <summary>A stored UTC time in a zone's local time.</summary>
    public static DateTime ToLocal(TimeZoneInfo zone, DateTime utc) => ZoneTime.ToLocal(utc, zone);

    /// <summary>People who hold a role in the school or its district, to choose a team from.</summary>
    internal async Task<IReadOnlyList<PersonInfo>> SchoolPeopleAsync(Guid schoolId, Guid districtId, CancellationToken cancellationToken)
    {
        var found = new List<PersonInfo>();
        foreach (var role in new[] { Role.SchoolLeader, Role.Coach, Role.Teacher })
        {
            found.AddRange(await people.WithRoleAsync(role, [schoolId], cancellationToken));
        }

        found.AddRange(await people.WithRoleAsync(Role.Coach, [districtId], cancellationToken));
        return found.Where(p => p.IsActive).DistinctBy(p => p.Id).OrderBy(p => p.DisplayName).ToList();
    }

    internal async Task<TimeZoneInfo> ZoneAsync(Guid districtId, CancellationToken cancellationToken) =>
        (await organizations.GetAsync(districtId, cancellationToken))?.Zone ?? TimeZoneInfo.Utc;
}
