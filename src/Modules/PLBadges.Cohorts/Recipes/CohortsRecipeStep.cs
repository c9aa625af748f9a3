using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Values;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Readiness;
using PLBadges.Cohorts.Roadmap;
using PLBadges.Cohorts.Waves;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Recipes;

/// <summary>
/// "Cohorts": {
///   "leadMonths": [ { "district": code, "months": 12 } ],
///   "cohorts": [ { "district": code, "name": text, "programYear": "2026–27" (or "programmeYear", its first spelling), "schools": [code], "facilitator": email,
///     "team": [ { "school": code, "person": email, "role": "Principal|AssistantPrincipal|InstructionalCoach|TeacherLeader" } ],
///     "requires": [ microCredentialSlug | { "slug": slug, "scope": "EachMember|Team" } ],
///     "sessions": [ { "title": text, "daysFromNow": -30, "startHour": 16, "minutes": 120, "place": text, "link": url, "agenda": markdown, "resources": [resourceSlug], "present": [email] } ] } ],
///   "waves": [ { "district": code, "name": text, "startsInDays": -60, "days": 180, "targets": [slug],
///     "teachers": [ { "person": email, "comfort": "New|Beginning|Comfortable|Confident", "role": "GeneralEducation|…", "goal": text } ] } ],
///   "roadmaps": [ { "district": code, "beganMonthsAgo": 8, "done": [milestone title] } ]
/// }. Waves are numbered by their start; a wave or roadmap the district already has is left alone. A cohort with the same district and name is left alone. A team member must hold a role in the
/// school or its district; a session's time is the district's local time on the day the recipe runs.
/// </summary>
internal sealed class CohortsRecipeStep(PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, IMicroCredentialCatalog catalog, IResourceLibrary library, WaveService waves, RoadmapService roadmaps, TimeProvider clock) : IRecipeStep
{
    public string Name => "Cohorts";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        foreach (var lead in Array(step, "leadMonths"))
        {
            var district = await OrganizationAsync(Text(lead, "district"), cancellationToken);
            var months = lead.TryGetProperty("months", out var m) && m.TryGetInt32(out var n) && n is >= 0 and <= 60 ? n : throw new RecipeException("\"months\" must be a whole number from 0 to 60.");
            var settings = await db.Set<ReadinessSettings>().FindAsync([district.Id], cancellationToken);
            if (settings == null)
            {
                db.Add(new ReadinessSettings { DistrictId = district.Id, LeadMonths = months });
            }
            else
            {
                settings.LeadMonths = months;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var cohort in Array(step, "cohorts"))
        {
            await CohortAsync(cohort, cancellationToken);
        }

        foreach (var wave in Array(step, "waves"))
        {
            await WaveAsync(wave, cancellationToken);
        }

        foreach (var map in Array(step, "roadmaps"))
        {
            var district = await OrganizationAsync(Text(map, "district"), cancellationToken);
            if (await db.Set<RoadmapMilestone>().AnyAsync(m => m.DistrictId == district.Id, cancellationToken))
            {
                continue;
            }

            var zone = district.Zone;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
            await roadmaps.FromTemplateAsync(district.Id, today.AddMonths(-Int(map, "beganMonthsAgo", 0, 48)), cancellationToken);
            var done = Array(map, "done").Select(d => d.GetString()).ToHashSet();
            foreach (var milestone in await db.Set<RoadmapMilestone>().Where(m => m.DistrictId == district.Id).ToListAsync(cancellationToken))
            {
                milestone.DoneOn = done.Contains(milestone.Title) ? (milestone.DueOn < today ? milestone.DueOn : today) : null;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task WaveAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var district = await OrganizationAsync(Text(item, "district"), cancellationToken);
        var name = Text(item, "name");
        if (await db.Set<Wave>().AnyAsync(w => w.DistrictId == district.Id && w.Name == name, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var starts = today.AddDays(Int(item, "startsInDays", -3650, 3650));
        var wave = new Wave { DistrictId = district.Id, Name = name, StartsOn = starts, EndsOn = starts.AddDays(Int(item, "days", 1, 1500)), CreatedAt = now };
        db.Add(wave);
        foreach (var slug in Array(item, "targets").Select(s => s.GetString() ?? ""))
        {
            var version = await catalog.PublishedAsync(slug, cancellationToken) ?? throw new RecipeException($"No published micro-credential has the slug {slug}.");
            db.Add(new WaveTarget { WaveId = wave.Id, MicroCredentialId = version.MicroCredentialId, Title = version.Content.Title });
        }

        foreach (var teacher in Array(item, "teachers"))
        {
            var person = await people.FindByEmailAsync(Text(teacher, "person"), cancellationToken) ?? throw new RecipeException($"No person has the email {Text(teacher, "person")}.");
            var school = await waves.SchoolOfTeacherAsync(district.Id, person.Id, cancellationToken) ?? throw new RecipeException($"{person.Email} teaches at none of {district.Code}'s schools.");
            db.Add(new WaveMember { WaveId = wave.Id, DistrictId = district.Id, PersonId = person.Id, SchoolId = school, PlacedBy = person.Id, PlacedAt = now });
            if (teacher.TryGetProperty("comfort", out _))
            {
                db.Add(new SelfAssessment
                {
                    DistrictId = district.Id,
                    PersonId = person.Id,
                    Comfort = Enum.TryParse<TechnologyComfort>(Text(teacher, "comfort"), out var comfort) ? comfort : throw new RecipeException($"\"comfort\" must be one of {string.Join(", ", Enum.GetNames<TechnologyComfort>())}."),
                    Role = Enum.TryParse<TeachingRole>(Text(teacher, "role"), out var role) ? role : throw new RecipeException($"\"role\" must be one of {string.Join(", ", Enum.GetNames<TeachingRole>())}."),
                    Goal = Text(teacher, "goal"),
                    SubmittedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        WaveService.Renumber(await db.Set<Wave>().Where(w => w.DistrictId == district.Id).ToListAsync(cancellationToken));

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CohortAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var district = await OrganizationAsync(Text(item, "district"), cancellationToken);
        var name = Text(item, "name");
        if (await db.Set<Cohort>().AnyAsync(c => c.DistrictId == district.Id && c.Name == name, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cohort = new Cohort { DistrictId = district.Id, Name = name, ProgrammeYear = Text(item, item.TryGetProperty("programYear", out _) ? "programYear" : "programmeYear"), CreatedAt = now };
        db.Add(cohort);
        var schools = new Dictionary<string, OrganizationInfo>();
        foreach (var code in Array(item, "schools").Select(s => s.GetString() ?? ""))
        {
            var school = await OrganizationAsync(code, cancellationToken);
            if (school.Kind != PLBadges.Abstractions.Security.OrganizationKind.School || school.DistrictId != district.Id)
            {
                throw new RecipeException($"{code} is not a school of {district.Code}.");
            }

            schools[code] = school;
            db.Add(new CohortSchool { CohortId = cohort.Id, SchoolId = school.Id });
        }

        if (item.TryGetProperty("facilitator", out var facilitator) && facilitator.GetString() is { Length: > 0 } facilitatorEmail)
        {
            cohort.FacilitatorId = (await people.FindByEmailAsync(facilitatorEmail, cancellationToken) ?? throw new RecipeException($"No person has the email {facilitatorEmail}.")).Id;
        }

        foreach (var member in Array(item, "team"))
        {
            var school = schools.GetValueOrDefault(Text(member, "school")) ?? throw new RecipeException($"A team member's school {Text(member, "school")} is not among the cohort's schools.");
            var person = await people.FindByEmailAsync(Text(member, "person"), cancellationToken) ?? throw new RecipeException($"No person has the email {Text(member, "person")}.");
            if (!(await people.RolesOfAsync(person.Id, cancellationToken)).Any(r => r.OrganizationId == school.Id || r.OrganizationId == district.Id))
            {
                throw new RecipeException($"{person.Email} holds no role in {school.Code} or its district, so cannot be on its leadership team.");
            }

            var role = Enum.TryParse<TeamRole>(Text(member, "role"), out var r) ? r : throw new RecipeException($"\"role\" must be one of {string.Join(", ", Enum.GetNames<TeamRole>())}.");
            db.Add(new TeamMember { CohortId = cohort.Id, SchoolId = school.Id, PersonId = person.Id, Role = role });
        }

        foreach (var requirement in Array(item, "requires"))
        {
            var slug = requirement.ValueKind == JsonValueKind.String ? requirement.GetString() ?? "" : Text(requirement, "slug");
            var scope = requirement.ValueKind == JsonValueKind.Object && requirement.TryGetProperty("scope", out var s)
                ? Enum.TryParse<RequirementScope>(s.GetString(), out var parsed) ? parsed : throw new RecipeException("\"scope\" must be EachMember or Team.")
                : RequirementScope.EachMember;
            var version = await catalog.PublishedAsync(slug, cancellationToken) ?? throw new RecipeException($"No published micro-credential has the slug {slug}.");
            db.Add(new CohortRequirement { CohortId = cohort.Id, MicroCredentialId = version.MicroCredentialId, Title = version.Content.Title, Scope = scope });
        }

        var zone = district.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        foreach (var session in Array(item, "sessions"))
        {
            var day = today.AddDays(Int(session, "daysFromNow", -3650, 3650));
            var start = ZoneTime.ToUtc(day, new TimeOnly(Int(session, "startHour", 0, 23), 0), zone).Utc;
            var entity = new CohortSession
            {
                CohortId = cohort.Id,
                Title = Text(session, "title"),
                StartUtc = start,
                EndUtc = start.AddMinutes(Int(session, "minutes", 15, 600)),
                Place = session.TryGetProperty("place", out var place) ? place.GetString() : null,
                OnlineLink = session.TryGetProperty("link", out var link) ? link.GetString() : null,
                AgendaMarkdown = session.TryGetProperty("agenda", out var agenda) ? agenda.GetString() ?? "" : "",
            };
            db.Add(entity);
            foreach (var slug in Array(session, "resources").Select(r => r.GetString() ?? ""))
            {
                var resource = await library.FindAsync(slug, district.Id, cancellationToken) ?? throw new RecipeException($"The district sees no resource with the slug {slug}.");
                db.Add(new CohortSessionResource { SessionId = entity.Id, ResourceId = resource.Id });
            }

            foreach (var email in Array(session, "present").Select(p => p.GetString() ?? ""))
            {
                var person = await people.FindByEmailAsync(email, cancellationToken) ?? throw new RecipeException($"No person has the email {email}.");
                db.Add(new SessionAttendance { SessionId = entity.Id, PersonId = person.Id, Present = true, RecordedAt = now, RecordedBy = person.Id });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<OrganizationInfo> OrganizationAsync(string code, CancellationToken cancellationToken) =>
        await organizations.FindByCodeAsync(code, cancellationToken) ?? throw new RecipeException($"No organization has the code {code}.");

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new RecipeException($"A Cohorts item needs \"{name}\".");

    private static int Int(JsonElement element, string name, int min, int max) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new RecipeException($"\"{name}\" must be a whole number from {min} to {max}.");
}
