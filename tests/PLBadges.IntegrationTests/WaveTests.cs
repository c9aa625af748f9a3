using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Events;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Roadmap;
using PLBadges.Cohorts.Waves;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using PLBadges.Evidence.Contracts;
using PLBadges.Identity.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.IntegrationTests;

/// <summary>What the academy tests share: people, the outbox run until something holds, and a teacher's pathway passed.</summary>
internal static class AcademyDriver
{
    public static async Task<string> NewPersonAsync(this TestSite site, string school, string role = "Teacher")
    {
        var email = $"w{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await site.AddPersonAsync(email, role, school);
        return email;
    }

    /// <summary>A signed-in person without the permission is sent to the 403 page.</summary>
    public static void Forbidden(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("/error/403") == true, $"{(int)response.StatusCode} {response.Headers.Location}");

    /// <summary>Tells the outbox the teacher passed the given micro-credentials (or, with none, every one of the slug's pathway), as Evidence does.</summary>
    public static async Task PassAsync(this TestSite site, Guid teacherId, string district, string slug, bool wholePathway)
    {
        var districtId = await site.OrganizationIdAsync(district);
        await site.InScopeAsync(async s =>
        {
            var catalog = s.GetRequiredService<IMicroCredentialCatalog>();
            var first = (await catalog.PublishedAsync(slug))!;
            var versions = new List<MicroCredentialVersionInfo> { first };
            if (wholePathway)
            {
                versions.Clear();
                foreach (var credential in (await catalog.AvailableToAsync(await site.OrganizationIdAsync("demo-district"))).Where(m => m.PathwayId == first.PathwayId))
                {
                    versions.Add((await catalog.PublishedAsync(credential.Slug))!);
                }
            }

            foreach (var version in versions)
            {
                s.GetRequiredService<IEventOutbox>().Add(new MicroCredentialPassed(Guid.NewGuid(), teacherId, districtId, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow));
            }

            await s.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
        });
    }
}

/// <summary>Waves of professional learning in Lakeside's district: the self-assessment, placement, and a peer coach from an earlier wave.</summary>
public abstract class WaveTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private static Dictionary<string, string> Assessment(string comfort, string goal = "Plan lessons every student can enter.") =>
        new() { ["comfort"] = comfort, ["role"] = "GeneralEducation", ["goal"] = goal };

    [Fact]
    public async Task Teachers_self_assess_the_admin_places_them_and_an_earlier_waves_teacher_with_a_pathway_becomes_a_peer_coach()
    {
        var district = await Site.OrganizationIdAsync("other-district");
        var school = await Site.OrganizationIdAsync("lakeside-high");
        var veteranEmail = await Site.NewPersonAsync("lakeside-high");
        var newcomerEmail = await Site.NewPersonAsync("lakeside-high");
        var veteran = await Site.SignedInClientAsync(veteranEmail);
        var newcomer = await Site.SignedInClientAsync(newcomerEmail);

        // A self-assessment without a goal is refused and saves nothing; complete ones are kept.
        var refused = await newcomer.SubmitAsync("/me/waves", Assessment("New", goal: ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("learning goal", await refused.TextAsync());
        var newcomerId = await Site.PersonIdAsync(newcomerEmail);
        Assert.False(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SelfAssessment>().AnyAsync(a => a.PersonId == newcomerId)));
        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.SubmitAsync("/me/waves", Assessment("New"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await veteran.SubmitAsync("/me/waves", Assessment("Confident"))).StatusCode);

        // Waves are numbered by when they start, whatever order they were made in.
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var later = await admin.SubmitAsync("/district/waves", new Dictionary<string, string> { ["district"] = district.ToString(), ["name"] = "Lakeside second wave", ["startsOn"] = "2027-08-15", ["endsOn"] = "2028-01-31" });
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/district/waves", new Dictionary<string, string> { ["district"] = district.ToString(), ["name"] = "Lakeside pioneers", ["startsOn"] = "2027-01-10", ["endsOn"] = "2027-06-10" })).StatusCode);
        var waves = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Wave>().Where(w => w.DistrictId == district && w.StartsOn.Year == 2027).OrderBy(w => w.Number).ToListAsync());
        Assert.Equal(["Lakeside pioneers", "Lakeside second wave"], waves.Select(w => w.Name));
        var (first, second) = (waves[0], waves[1]);

        // The placement table suggests from the self-assessment: the confident teacher first, the newcomer last.
        var placement = await admin.GetDocumentAsync($"/district/waves?district={district}&school={school}");
        Assert.Contains($"Wave {first.Number}", placement.QuerySelector($"tr[data-teacher='{veteranEmail}']")!.QuerySelectorAll("td")[3].TextContent);
        Assert.Contains($"Wave {second.Number}", placement.QuerySelector($"tr[data-teacher='{newcomerEmail}']")!.QuerySelectorAll("td")[3].TextContent);
        Assert.Contains("not answered", placement.QuerySelector($"tr[data-teacher='{DemoPeople.OtherTeacher}']")!.TextContent);

        // The admin decides: the veteran in the first wave, the newcomer in the second.
        var veteranId = await Site.PersonIdAsync(veteranEmail);
        var path = $"/district/waves?district={district}&school={school}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["school"] = school.ToString(), ["personId"] = veteranId.ToString(), ["waveId"] = first.Id.ToString() }, "Place")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["school"] = school.ToString(), ["personId"] = newcomerId.ToString(), ["waveId"] = second.Id.ToString() }, "Place")).StatusCode);
        Assert.Contains($"Wave {first.Number}: Lakeside pioneers", (await veteran.GetDocumentAsync("/me/waves")).Body!.TextContent);

        // A whole school joins the second wave: those in no wave yet (Robin), not the veteran already placed.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/waves/{second.Id}", new Dictionary<string, string> { ["schoolId"] = school.ToString() }, "School")).StatusCode);
        var robin = await Site.PersonIdAsync(DemoPeople.OtherTeacher);
        var members = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WaveMember>().Where(m => m.DistrictId == district).ToDictionaryAsync(m => m.PersonId, m => m.WaveId));
        Assert.Equal(second.Id, members[robin]);
        Assert.Equal(first.Id, members[veteranId]);

        // Peer coaches: not from the same wave, not without a pathway.
        var wavePage = $"/district/waves/{second.Id}";
        var sameWave = await admin.SubmitAsync(wavePage, new Dictionary<string, string> { ["personId"] = newcomerId.ToString() }, "PeerCoach");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameWave.StatusCode);
        Assert.Contains("comes from an earlier wave", await sameWave.TextAsync());
        var noPathway = await admin.SubmitAsync(wavePage, new Dictionary<string, string> { ["personId"] = veteranId.ToString() }, "PeerCoach");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPathway.StatusCode);
        Assert.Contains("completed a pathway", await noPathway.TextAsync());
        Assert.Null((await admin.GetDocumentAsync(wavePage)).QuerySelector("#candidates"));

        // Once the veteran completes a pathway, they are a candidate, and once named they appear as the newcomer's coach.
        await Site.PassAsync(veteranId, "other-district", EvidenceDriver.Slug, wholePathway: true);
        await Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == veteranId && c.Kind == CredentialKind.Pathway), "the veteran's pathway capstone");
        var veteranName = (await Site.InScopeAsync(s => s.GetRequiredService<IPeopleDirectory>().FindByEmailAsync(veteranEmail)))!.DisplayName;
        Assert.Contains(veteranName, (await admin.GetDocumentAsync(wavePage)).QuerySelector("#candidates")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(wavePage, new Dictionary<string, string> { ["personId"] = veteranId.ToString() }, "PeerCoach")).StatusCode);
        Assert.Contains(veteranName, (await newcomer.GetDocumentAsync("/me/waves")).QuerySelector("#my-peer-coaches")!.TextContent);
        Assert.Contains(veteranName, (await (await Site.SignedInClientAsync(DemoPeople.OtherTeacher)).GetDocumentAsync("/me/waves")).QuerySelector("#my-peer-coaches")!.TextContent);
        var coached = (await veteran.GetDocumentAsync("/me/waves")).Body!.TextContent;
        Assert.Contains("Teachers you coach", coached);
        Assert.Contains(newcomerEmail, coached);

        // Moved into the wave they coach, the veteran is no longer its peer coach (a peer coach comes from an earlier wave).
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["school"] = school.ToString(), ["personId"] = veteranId.ToString(), ["waveId"] = second.Id.ToString() }, "Place")).StatusCode);
        Assert.False(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WavePeerCoach>().AnyAsync(c => c.PersonId == veteranId)));
        Assert.Null((await newcomer.GetDocumentAsync("/me/waves")).QuerySelector("#my-peer-coaches"));
    }

    [Fact]
    public async Task Only_the_districts_admins_run_its_waves_and_only_teachers_self_assess()
    {
        var district = await Site.OrganizationIdAsync("other-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/district/waves", new Dictionary<string, string> { ["district"] = district.ToString(), ["name"] = "Lakeside far future", ["startsOn"] = "2031-01-10", ["endsOn"] = "2031-06-10" })).StatusCode);
        var wave = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Wave>().Where(w => w.Name == "Lakeside far future").Select(w => w.Id).SingleAsync());

        var demoAdmin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await demoAdmin.GetAsync($"/district/waves/{wave}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await demoAdmin.GetAsync($"/district/waves?district={district}")).StatusCode);
        Assert.DoesNotContain("Lakeside far future", await demoAdmin.GetStringAsync("/district/waves"));
        var robin = await Site.PersonIdAsync(DemoPeople.OtherTeacher);
        var moved = await demoAdmin.SubmitAsync("/district/waves", new Dictionary<string, string> { ["district"] = district.ToString(), ["personId"] = robin.ToString(), ["waveId"] = wave.ToString() }, "Place");
        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode); // the form names a district the admin does not run
        Assert.False(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WaveMember>().AnyAsync(m => m.WaveId == wave)));

        // The admin's own district on the form, another district's teacher or wave in it: refused with the reason.
        var demoDistrict = await Site.OrganizationIdAsync("demo-district");
        var demoWave = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Wave>().Where(w => w.DistrictId == demoDistrict).Select(w => w.Id).FirstAsync());
        var foreignTeacher = await demoAdmin.SubmitAsync("/district/waves", new Dictionary<string, string> { ["district"] = demoDistrict.ToString(), ["personId"] = robin.ToString(), ["waveId"] = demoWave.ToString() }, "Place");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreignTeacher.StatusCode);
        Assert.Contains("teacher of one of the district's schools", await foreignTeacher.TextAsync());
        var teacher = await Site.PersonIdAsync(DemoPeople.Teacher);
        var foreignWave = await demoAdmin.SubmitAsync("/district/waves", new Dictionary<string, string> { ["district"] = demoDistrict.ToString(), ["personId"] = teacher.ToString(), ["waveId"] = wave.ToString() }, "Place");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreignWave.StatusCode);
        Assert.Contains("one of the district's waves", await foreignWave.TextAsync());

        // Every handler of another district's wave page answers as if it did not exist, and changes nothing.
        var lakesideHigh = await Site.OrganizationIdAsync("lakeside-high");
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("School", new() { ["schoolId"] = lakesideHigh.ToString() }),
            ("Target", new() { ["slug"] = EvidenceDriver.Slug }),
            ("PeerCoach", new() { ["personId"] = robin.ToString() }),
            ("RemovePeerCoach", new() { ["personId"] = robin.ToString() }),
        })
        {
            var token = (await demoAdmin.GetDocumentAsync("/district/waves")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var posted = await demoAdmin.PostAsync($"/district/waves/{wave}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        Assert.False(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WaveMember>().AnyAsync(m => m.WaveId == wave)));
        Assert.False(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WaveTarget>().AnyAsync(t => t.WaveId == wave)));

        AcademyDriver.Forbidden(await (await Site.SignedInClientAsync(DemoPeople.Teacher)).GetAsync("/district/waves"));
        AcademyDriver.Forbidden(await (await Site.SignedInClientAsync(DemoPeople.Leader)).GetAsync("/me/waves"));
        var anonymous = await Site.CreateBrowserlikeClient().GetAsync("/me/waves");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/signin", anonymous.Headers.Location!.ToString());
    }
}

public sealed class WavesOnSqlite(SqliteSite fixture) : WaveTests(fixture), IClassFixture<SqliteSite>;

public sealed class WavesOnPostgres(PostgresSite fixture) : WaveTests(fixture), IClassFixture<PostgresSite>;

/// <summary>The academy credential: attendance and required learning complete a member, once, whichever comes last.</summary>
public abstract class AcademyCompletionTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Members_who_attend_enough_and_earn_the_required_learning_get_the_academy_credential_once()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var created = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = "Completion academy " + Guid.NewGuid().ToString("N")[..6], ["ProgrammeYear"] = "2026–27" });
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var page = $"/district/cohorts/{id}";
        var washington = await Site.OrganizationIdAsync("washington-middle");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString() }, "School")).StatusCode);
        var early = await Site.PersonIdAsync(await Site.NewPersonAsync("washington-middle"));
        var late = await Site.PersonIdAsync(await Site.NewPersonAsync("washington-middle"));
        foreach (var (person, role) in new[] { (early, "TeacherLeader"), (late, "InstructionalCoach") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString(), ["personId"] = person.ToString(), ["role"] = role }, "Member")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["slug"] = EvidenceDriver.Slug }, "Require")).StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 5; i >= 1; i--)
        {
            var session = new Dictionary<string, string> { ["title"] = $"Session {6 - i}", ["date"] = today.AddDays(-7 * i).ToString("yyyy-MM-dd"), ["starts"] = "16:00", ["ends"] = "17:30", ["place"] = "Library" };
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, session, "Session")).StatusCode);
        }

        // One member already holds the required micro-credential; the other does not yet.
        await Site.PassAsync(early, "demo-district", EvidenceDriver.Slug, wholePathway: false);
        await Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == early), "the early member's micro-credential");

        // Both attend four of the five sessions: 80%, the academy's share.
        var sessions = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().Where(x => x.CohortId == id).OrderBy(x => x.StartUtc).Select(x => x.Id).ToListAsync());
        for (var i = 0; i < sessions.Count; i++)
        {
            var present = i == 2 ? Array.Empty<Guid>() : [early, late];
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/cohorts/sessions/{sessions[i]}/attendance", new { present })).StatusCode);
        }

        Task<List<IssuedCredential>> AwardsAsync() => Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().AsNoTracking().Where(c => c.Kind == CredentialKind.Award && c.AwardKey == $"academy:{id:N}").ToListAsync());
        await Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == early && c.AwardKey == $"academy:{id:N}"), "the early member's academy credential");
        Assert.DoesNotContain(await AwardsAsync(), c => c.RecipientId == late); // attended enough, but the required learning is not earned

        // The late member earns it: the credential issued tells the academy, which completes them.
        await Site.PassAsync(late, "demo-district", EvidenceDriver.Slug, wholePathway: false);
        await Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == late && c.AwardKey == $"academy:{id:N}"), "the late member's academy credential");

        // Attendance recorded again changes nothing: one credential each.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/cohorts/sessions/{sessions[0]}/attendance", new { present = new[] { early, late } })).StatusCode);
        await Site.RunOutboxAsync();
        // The same award told again (an outbox message delivered twice) issues nothing more.
        var earlyAward = (await AwardsAsync()).Single(a => a.RecipientId == early);
        await Site.InScopeAsync(async s =>
        {
            s.GetRequiredService<IEventOutbox>().Add(new PLBadges.Credentials.Contracts.AchievementAwarded($"academy:{id:N}", await Site.OrganizationIdAsync("demo-district"), early,
                $"urn:uuid:{id}", "LearningProgram", "again", "again", "again", "again", 1, DateTime.UtcNow));
            await s.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
        });
        await Site.RunOutboxAsync();
        var awards = await AwardsAsync();
        Assert.Equal(new[] { early, late }.Order(), awards.Select(a => a.RecipientId).Order());
        Assert.Equal(earlyAward.Id, awards.Single(a => a.RecipientId == early).Id);

        // The credential says what was done: a learning programme issued by the district, with the hours attended.
        var json = System.Text.Json.Nodes.JsonNode.Parse(await Site.CreateClient().GetStringAsync($"/credentials/{awards[0].Id}.json"))!;
        Assert.Equal("LearningProgram", (string?)json["credentialSubject"]!["achievement"]!["achievementType"]);
        Assert.Equal(6m, (decimal)json["credentialSubject"]!["creditsEarned"]!);
        Assert.Contains("Attended 4 of the academy's 5 sessions", (string?)json["evidence"]![0]!["narrative"]);
        var verified = await Site.CreateClient().PostAsync("/api/v1/verify", new StringContent(awards[0].Jwt, System.Text.Encoding.UTF8, "application/jwt"));
        var result = System.Text.Json.JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement;
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());

        // The school's row shows its team complete.
        var row = (await admin.GetDocumentAsync("/district/readiness")).QuerySelector("tr[data-school=washington-middle]")!;
        Assert.Contains("Team complete", row.TextContent);
        Assert.Equal("2", row.QuerySelectorAll("td").Last().TextContent.Trim());
    }
}

/// <summary>An academy's programme: sessions with resources from the bank, and learning required of each member or of each team.</summary>
public abstract class AcademyProgrammeTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Sessions_carry_bank_resources_and_a_pathway_can_be_required_of_each_team()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var created = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = "Programme academy " + Guid.NewGuid().ToString("N")[..6], ["ProgrammeYear"] = "2027–28" });
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var page = $"/district/cohorts/{id}";
        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = lincoln.ToString() }, "School")).StatusCode);
        var member = await Site.NewPersonAsync("lincoln-elementary");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = lincoln.ToString(), ["personId"] = (await Site.PersonIdAsync(member)).ToString(), ["role"] = "TeacherLeader" }, "Member")).StatusCode);

        // Every micro-credential of a pathway, of one member of each team.
        var document = await admin.GetDocumentAsync(page);
        var pathway = document.QuerySelectorAll("#slug option").Select(o => o.GetAttribute("value")!).First(v => v.StartsWith("pathway:", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["slug"] = pathway, ["scope"] = "Team" }, "Require")).StatusCode);
        var requirements = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortRequirement>().Where(r => r.CohortId == id).ToListAsync());
        var pathwayId = Guid.Parse(pathway["pathway:".Length..]);
        var expected = await Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().PathwayAsync(pathwayId))!.MicroCredentialIds);
        Assert.Equal(expected.Order(), requirements.Select(r => r.MicroCredentialId).Order());
        Assert.All(requirements, r => Assert.Equal(RequirementScope.Team, r.Scope));

        // A session's resources come from the district's bank; anything else is refused and nothing is saved.
        var resource = document.QuerySelectorAll("input[name=resources]").First();
        var session = new Dictionary<string, string> { ["title"] = "Reading the guidelines", ["date"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd"), ["starts"] = "16:00", ["ends"] = "17:00", ["place"] = "Library", ["resources"] = Guid.NewGuid().ToString() };
        var refused = await admin.SubmitAsync(page, session, "Session");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("resource bank", await refused.TextAsync());
        session["resources"] = resource.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, session, "Session")).StatusCode);

        // The member sees the resource with the next session, and what the team has left to earn.
        var mine = (await (await Site.SignedInClientAsync(member)).GetDocumentAsync("/me/academy")).Body!.TextContent;
        Assert.Contains(document.QuerySelector($"label[for='{resource.Id}']")!.TextContent.Split(" (")[0], mine);
        Assert.Contains("(one member of your team)", mine);
        var api = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cohorts/{id}");
        Assert.Equal(resource.GetAttribute("value"), api.GetProperty("sessions")[0].GetProperty("resources")[0].GetProperty("id").GetString());
        Assert.All(api.GetProperty("requirements").EnumerateArray(), r => Assert.Equal("Team", r.GetProperty("scope").GetString()));
    }
}

/// <summary>Learning required of the team is met for every member once one of them earns it.</summary>
public abstract class TeamCompletionTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_teammates_credential_completes_the_whole_team()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var created = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = "Team academy " + Guid.NewGuid().ToString("N")[..6], ["ProgrammeYear"] = "2026–27" });
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var page = $"/district/cohorts/{id}";
        var washington = await Site.OrganizationIdAsync("washington-middle");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString() }, "School")).StatusCode);
        var a = await Site.PersonIdAsync(await Site.NewPersonAsync("washington-middle"));
        var b = await Site.PersonIdAsync(await Site.NewPersonAsync("washington-middle"));
        foreach (var (person, role) in new[] { (a, "TeacherLeader"), (b, "InstructionalCoach") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString(), ["personId"] = person.ToString(), ["role"] = role }, "Member")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["slug"] = EvidenceDriver.Slug, ["scope"] = "Team" }, "Require")).StatusCode);
        var bad = await admin.SubmitAsync(page, new Dictionary<string, string> { ["slug"] = EvidenceDriver.Slug, ["scope"] = "Everyone" }, "Require");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode); // a value the form cannot read is refused, not taken for the default
        var session = new Dictionary<string, string> { ["title"] = "Only session", ["date"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd"), ["starts"] = "16:00", ["ends"] = "17:00", ["place"] = "Library" };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, session, "Session")).StatusCode);
        var sessionId = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().Where(x => x.CohortId == id).Select(x => x.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/cohorts/sessions/{sessionId}/attendance", new { present = new[] { a, b } })).StatusCode);
        await Site.RunOutboxAsync();
        Assert.False(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<AcademyCompletion>().AnyAsync(c => c.CohortId == id)));

        // B earns the team's micro-credential: both complete, A included though A holds nothing.
        await Site.PassAsync(b, "demo-district", EvidenceDriver.Slug, wholePathway: false);
        await Site.RunOutboxUntilAsync(db => db.Set<AcademyCompletion>().CountAsync(c => c.CohortId == id).ContinueWith(t => t.Result == 2), "both members' completions");
        await Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == a && c.AwardKey == $"academy:{id:N}"), "A's academy credential");
    }
}

public sealed class TeamCompletionOnSqlite(SqliteSite fixture) : TeamCompletionTests(fixture), IClassFixture<SqliteSite>;

public sealed class TeamCompletionOnPostgres(PostgresSite fixture) : TeamCompletionTests(fixture), IClassFixture<PostgresSite>;

public sealed class AcademyProgrammeOnSqlite(SqliteSite fixture) : AcademyProgrammeTests(fixture), IClassFixture<SqliteSite>;

public sealed class AcademyProgrammeOnPostgres(PostgresSite fixture) : AcademyProgrammeTests(fixture), IClassFixture<PostgresSite>;

public sealed class AcademyCompletionOnSqlite(SqliteSite fixture) : AcademyCompletionTests(fixture), IClassFixture<SqliteSite>;

public sealed class AcademyCompletionOnPostgres(PostgresSite fixture) : AcademyCompletionTests(fixture), IClassFixture<PostgresSite>;

/// <summary>The roadmap: the demo's, started from the template, and one started by hand in Lakeside.</summary>
public abstract class RoadmapTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task The_demo_roadmap_links_its_academy_waves_and_rollouts_and_shows_what_is_overdue()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var page = await admin.GetDocumentAsync("/district/roadmap");
        Assert.Equal(RoadmapTemplate.Milestones.Count, page.QuerySelectorAll("article.milestone").Length);
        var overdue = page.QuerySelectorAll("article.milestone[data-state=Overdue]").Select(a => a.QuerySelector("h3")!.TextContent).ToList();
        Assert.Contains("Professional learning plan", overdue);
        Assert.Equal(overdue.Count, page.QuerySelectorAll("#overdue li").Length);
        string Milestone(string title) => page.QuerySelectorAll("article.milestone").Single(a => a.QuerySelector("h3")!.TextContent == title).TextContent;
        Assert.Contains("Linked to Riverbend Personalized Learning Academy", Milestone("First Personalized Learning Academy begins"));
        Assert.Contains("Wave 2: Second wave", Milestone("Wave 2 begins, coached by wave 1"));
        Assert.Contains("Washington Middle School rollout", Milestone("First schools receive devices"));
        Assert.Contains("Done", Milestone("Personalized learning vision agreed"));
    }

    [Fact]
    public async Task An_admin_starts_a_roadmap_names_owners_and_marks_milestones_done_and_no_one_else_can()
    {
        var district = await Site.OrganizationIdAsync("other-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var path = $"/district/roadmap?district={district}";
        var beginsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-5);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["beginsOn"] = beginsOn.ToString("yyyy-MM-dd") }, "Start")).StatusCode);
        var again = await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["beginsOn"] = beginsOn.ToString("yyyy-MM-dd") }, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already begun", await again.TextAsync());
        var milestones = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<RoadmapMilestone>().Where(m => m.DistrictId == district).ToListAsync());
        Assert.Equal(RoadmapTemplate.Milestones.Count, milestones.Count);
        var plan = milestones.Single(m => m.Title == "Professional learning plan");
        Assert.Equal(beginsOn.AddMonths(4), plan.DueOn);
        Assert.Equal(MilestoneLink.Rollout, milestones.Single(m => m.Title == "First schools receive devices").Link); // Lakeside High's date

        // Overdue until marked done; an owner must be of the district.
        Assert.Equal("Overdue", (await admin.GetDocumentAsync(path)).QuerySelector($"#milestone-{plan.Id}")!.GetAttribute("data-state"));
        var stranger = await Site.PersonIdAsync(DemoPeople.Admin);
        var refused = await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["milestoneId"] = plan.Id.ToString(), ["dueOn"] = plan.DueOn.ToString("yyyy-MM-dd"), ["ownerId"] = stranger.ToString(), ["link"] = "" }, "Update");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose an owner", await refused.TextAsync());
        var owner = await Site.PersonIdAsync(DemoPeople.OtherCoach);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["milestoneId"] = plan.Id.ToString(), ["dueOn"] = plan.DueOn.ToString("yyyy-MM-dd"), ["ownerId"] = owner.ToString(), ["link"] = "" }, "Update")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["district"] = district.ToString(), ["milestoneId"] = plan.Id.ToString(), ["done"] = "true" }, "Mark")).StatusCode);
        var shown = (await admin.GetDocumentAsync(path)).QuerySelector($"#milestone-{plan.Id}")!;
        Assert.Equal("Done", shown.GetAttribute("data-state"));
        Assert.Contains("Quinn Lakeside", shown.TextContent);

        // Another district's admin cannot see or change it; a teacher has no roadmap page.
        var demoAdmin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await demoAdmin.GetAsync(path)).StatusCode);
        var foreign = await demoAdmin.SubmitAsync("/district/roadmap", new Dictionary<string, string> { ["district"] = district.ToString(), ["milestoneId"] = plan.Id.ToString(), ["done"] = "false" }, "Mark");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var demoDistrict = await Site.OrganizationIdAsync("demo-district");
        var ownForm = await demoAdmin.SubmitAsync("/district/roadmap", new Dictionary<string, string> { ["district"] = demoDistrict.ToString(), ["milestoneId"] = plan.Id.ToString(), ["done"] = "false" }, "Mark");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ownForm.StatusCode);
        Assert.Contains("No such milestone", await ownForm.TextAsync());
        Assert.NotNull(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<RoadmapMilestone>().Where(m => m.Id == plan.Id).Select(m => m.DoneOn).SingleAsync()));
        AcademyDriver.Forbidden(await (await Site.SignedInClientAsync(DemoPeople.OtherTeacher)).GetAsync(path));
    }
}

public sealed class RoadmapOnSqlite(SqliteSite fixture) : RoadmapTests(fixture), IClassFixture<SqliteSite>;

public sealed class RoadmapOnPostgres(PostgresSite fixture) : RoadmapTests(fixture), IClassFixture<PostgresSite>;
