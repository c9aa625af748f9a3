using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Rules;
using PLBadges.Identity.Roster;

namespace PLBadges.IntegrationTests;

public abstract class RosterTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private static string Unique(string stem) => $"{stem}.{Guid.NewGuid():N}"[..(stem.Length + 9)];

    [Fact]
    public async Task OneRoster_1_1_and_1_2_packages_import_the_same_people()
    {
        var (a, b) = (Unique("ana"), Unique("ben"));
        var v12 = new OneRosterZip("1.2").District("d1").School("s1", "North School").School("s2", "South School")
            .User("u1", "Ana", "Ruiz", $"{a}@roster.test").User("u2", "Ben", "Cho", $"{b}@roster.test")
            .Role("r1", "u1", "teacher", "s1").Role("r2", "u1", "aide", "s2").Role("r3", "u2", "principal", "s2").Role("r4", "u2", "districtAdministrator", "d1");
        var v11 = new OneRosterZip("1.1").District("d1").School("s1", "North School").School("s2", "South School")
            .User11("u1", "teacher", "s1,s2", "Ana", "Ruiz", $"{a}@roster.test").User11("u2", "administrator", "s2,d1", "Ben", "Cho", $"{b}@roster.test");
        var first = await Site.NewDistrictAsync();
        var second = await Site.NewDistrictAsync();

        var plan12 = await Site.ImportAsync(first, v12.Build());
        Assert.Equal(2, plan12.Count(RosterChange.Added));
        Assert.Equal(2, plan12.SchoolsAdded);
        // The second district holds the same people now (they have accounts): it invites them; its figures are empty until they accept.
        var plan11 = await Site.PreviewAsync(second, v11.Build());
        Assert.Equal(2, plan11.Count(RosterChange.InvitationSent));

        var expected = new[]
        {
            $"{a}@roster.test|Teacher|North School", $"{a}@roster.test|Teacher|South School",
            $"{b}@roster.test|DistrictAdmin|District {await CodeAsync(first)}", $"{b}@roster.test|SchoolLeader|South School",
        }.Order(StringComparer.Ordinal);
        Assert.Equal(expected, await Site.MembershipsAsync(first));

        // The same package in 1.1 form, into a district of its own people, gives the same memberships.
        var (c, d) = (Unique("cai"), Unique("dee"));
        var third = await Site.NewDistrictAsync();
        var fourth = await Site.NewDistrictAsync();
        await Site.ImportAsync(third, new OneRosterZip("1.2").District("d1").School("s1", "North School").School("s2", "South School")
            .User("u1", "Cai", "Ruiz", $"{c}@roster.test").User("u2", "Dee", "Cho", $"{d}@roster.test")
            .Role("r1", "u1", "teacher", "s1").Role("r2", "u1", "aide", "s2").Role("r3", "u2", "principal", "s2").Role("r4", "u2", "districtAdministrator", "d1").Build());
        var (e, f) = (Unique("eve"), Unique("fay"));
        await Site.ImportAsync(fourth, new OneRosterZip("1.1").District("d1").School("s1", "North School").School("s2", "South School")
            .User11("u1", "teacher", "s1,s2", "Eve", "Ruiz", $"{e}@roster.test").User11("u2", "administrator", "s2,d1", "Fay", "Cho", $"{f}@roster.test").Build());
        static IEnumerable<string> Shape(IEnumerable<string> rows, string x, string y, string district) =>
            rows.Select(r => r.Replace(x, "X").Replace(y, "Y").Replace(district, "D")).Order(StringComparer.Ordinal);
        Assert.Equal(
            Shape(await Site.MembershipsAsync(third), c, d, $"District {await CodeAsync(third)}"),
            Shape(await Site.MembershipsAsync(fourth), e, f, $"District {await CodeAsync(fourth)}"));
    }

    [Fact]
    public async Task A_sync_that_would_deactivate_too_much_of_the_district_stops_and_changes_nothing()
    {
        var district = await Site.NewDistrictAsync();
        var people = Enumerable.Range(1, 10).Select(i => $"{Unique("sync" + i)}@roster.test").ToArray();
        OneRosterZip Bulk(int count)
        {
            var zip = new OneRosterZip().District("d").School("s1", "Elm School");
            for (var i = 0; i < count; i++)
            {
                zip.User($"u{i}", "Person", $"Number{i}", people[i]).Role($"r{i}", $"u{i}", "teacher", "s1");
            }

            return zip;
        }

        await Site.ImportAsync(district, Bulk(10).Build());

        // An export that lost 2 of 10 people (20%, over the 10% default): the sync stops and says why.
        var refused = await Assert.ThrowsAsync<RuleException>(() => Site.SyncAsync(district, Bulk(8).Build()));
        Assert.Contains("would deactivate 2 of the district's 10 active staff", refused.Message);
        Assert.Contains("Nothing was changed", refused.Message);
        foreach (var person in people)
        {
            Assert.True(await Site.IsActiveAsync(person), $"{person} is still active.");
        }

        // One of 10 (10%, not more than the limit) applies by itself.
        var plan = await Site.SyncAsync(district, Bulk(9).Build());
        Assert.Equal(1, plan.Count(RosterChange.Deactivated));
    }

    [Fact]
    public async Task A_delta_changes_only_what_it_names_and_a_second_import_changes_nothing()
    {
        var district = await Site.NewDistrictAsync();
        var (a, b, c) = (Unique("ann"), Unique("bo"), Unique("cy"));
        var bulk = new OneRosterZip().District("d").School("s1", "Elm School").School("s2", "Oak School")
            .User("u1", "Ann", "Lee", $"{a}@roster.test").User("u2", "Bo", "Kim", $"{b}@roster.test").User("u3", "Cy", "Park", $"{c}@roster.test")
            .Role("r1", "u1", "teacher", "s1").Role("r2", "u2", "teacher", "s1").Role("r3", "u3", "teacher", "s2").Build();
        await Site.ImportAsync(district, bulk);
        var again = await Site.ImportAsync(district, bulk);
        Assert.Equal(3, again.Count(RosterChange.Unchanged));
        Assert.Equal(0, again.Rows.Count(r => r.Change != RosterChange.Unchanged));

        // users delta: Bo is renamed; roles delta: Ann also teaches at Oak. Cy is not named and stays as he is.
        var delta = new OneRosterZip().Mode("orgs", "absent").Mode("users", "delta").Mode("roles", "delta")
            .User("u2", "Bo", "Kim-Lee", $"{b}@roster.test", status: "active", modified: "2026-09-01T08:00:00Z")
            .Role("r4", "u1", "teacher", "s2", status: "active").Build();
        var plan = await Site.ImportAsync(district, delta);
        Assert.Equal(2, plan.Count(RosterChange.Changed));
        Assert.Contains(plan.Rows, r => r.Key == "u2" && r.Detail.Contains("Name changed to Bo Kim-Lee"));
        Assert.Contains(plan.Rows, r => r.Key == "u1" && r.Detail.Contains("Teacher at Oak School added"));
        Assert.DoesNotContain(plan.Rows, r => r.Key == "u3");
        Assert.Equal(
            new[] { $"{a}@roster.test|Teacher|Elm School", $"{a}@roster.test|Teacher|Oak School", $"{b}@roster.test|Teacher|Elm School", $"{c}@roster.test|Teacher|Oak School" }.Order(StringComparer.Ordinal),
            await Site.MembershipsAsync(district));
        Assert.Equal(1, await Site.CountAsync("People", $"\"DisplayName\" = 'Bo Kim-Lee'"));
    }

    [Fact]
    public async Task Each_leaver_signal_takes_the_district_roles_and_deactivates_only_an_account_with_no_other_role()
    {
        var district = await Site.NewDistrictAsync();
        var people = Enumerable.Range(1, 6).Select(i => $"{Unique("leaver" + i)}@roster.test").ToArray();
        var bulk = new OneRosterZip().District("d").School("s1", "Elm School").School("s2", "Oak School");
        for (var i = 0; i < people.Length; i++)
        {
            bulk.User($"u{i}", "Person", $"Number{i}", people[i]).Role($"r{i}", $"u{i}", "teacher", "s1");
        }

        bulk.Role("r-extra", "u4", "teacher", "s2");
        await Site.ImportAsync(district, bulk.Build());
        // Person 5 also works in the demo district: leaving this one must not close their account.
        await Site.AddPersonAsync(people[5]);

        var delta = new OneRosterZip().Mode("orgs", "absent").Mode("users", "delta").Mode("roles", "delta")
            .User("u0", "Person", "Number0", people[0], status: "tobedeleted")
            .User("u1", "Person", "Number1", people[1], enabled: false)
            .Role("r2", "u2", "teacher", "s1", end: "2020-06-30")
            .Role("r-extra", "u4", "teacher", "s2", status: "tobedeleted")
            .User("u5", "Person", "Number5", people[5], status: "tobedeleted").Build();
        var plan = await Site.ImportAsync(district, delta);
        Assert.Equal(RosterChange.Deactivated, plan.Rows.Single(r => r.Key == "u0").Change);
        Assert.Contains("status is tobedeleted", plan.Rows.Single(r => r.Key == "u0").Detail);
        Assert.Contains("enabledUser is false", plan.Rows.Single(r => r.Key == "u1").Detail);
        Assert.Equal(RosterChange.Deactivated, plan.Rows.Single(r => r.Key == "u2").Change); // the role ended: no role left
        Assert.Equal(RosterChange.Changed, plan.Rows.Single(r => r.Key == "u4").Change); // a role tobedeleted takes that role only
        Assert.Contains("the account stays for their other district", plan.Rows.Single(r => r.Key == "u5").Detail);
        var active = new List<bool>();
        foreach (var person in people)
        {
            active.Add(await Site.IsActiveAsync(person) == true);
        }

        Assert.Equal(new[] { false, false, false, true, true, true }, active);
        Assert.Equal([$"{people[3]}|Teacher|Elm School", $"{people[4]}|Teacher|Elm School"], await Site.MembershipsAsync(district));

        // A bulk users.csv without person 3: absence is leaving. Person 4 is still listed.
        var next = new OneRosterZip().District("d").School("s1", "Elm School").School("s2", "Oak School")
            .User("u4", "Person", "Number4", people[4]).Role("r4", "u4", "teacher", "s1").Build();
        var absent = await Site.ImportAsync(district, next);
        Assert.Contains("not in users.csv", absent.Rows.Single(r => r.Key == "u3").Detail);
        Assert.False(await Site.IsActiveAsync(people[3]));
        // Nothing of a leaver is deleted: the account and its history stay.
        Assert.Equal(6, await Site.CountAsync("People", $"\"Email\" IN ({string.Join(",", people.Select(p => $"'{p}'"))})"));
    }

    [Fact]
    public async Task Students_parents_and_guardians_are_never_stored()
    {
        var district = await Site.NewDistrictAsync();
        var teacher = $"{Unique("tea")}@roster.test";
        var student = $"{Unique("stu")}@roster.test";
        var parent = $"{Unique("par")}@roster.test";
        var package = new OneRosterZip().District("d").School("s1", "Elm School")
            .User("t1", "Tea", "Cher", teacher).User("st1", "Stu", "Dent", student).User("p1", "Pa", "Rent", parent)
            .Role("r1", "t1", "teacher", "s1").Role("r2", "st1", "student", "s1").Role("r3", "p1", "guardian", "s1").Build();
        var package11 = new OneRosterZip("1.1").District("d").School("s1", "Elm School")
            .User11("st2", "student", "s1", "Stu", "Two", $"x{student}").User11("p2", "parent", "s1", "Pa", "Two", $"x{parent}").Build();

        var (preview, kept) = await Site.InScopeAsync(async services =>
        {
            var import = services.GetRequiredService<RosterImport>();
            var read = await import.ReadAsync(new MemoryStream(package), CancellationToken.None);
            var plan = await import.PreviewAsync(district, read, CancellationToken.None);
            var upload = await import.KeepAsync(plan, "roster.zip", false, null, CancellationToken.None);
            return (plan, (await import.FindKeptAsync(district, upload, CancellationToken.None))!.Value.Package);
        });
        Assert.Equal(2, preview.Package.SkippedNonStaff);
        Assert.DoesNotContain(kept.Users, u => u.SourcedId is "st1" or "p1");
        Assert.DoesNotContain(kept.Roles, r => r.UserKey is "st1" or "p1");
        await Site.ImportAsync(district, package);
        await Site.ImportAsync(district, package11);
        Assert.Equal(1, await Site.CountAsync("People", $"\"Email\" IN ('{teacher}', '{student}', '{parent}', 'x{student}', 'x{parent}')"));
        Assert.Equal(0, await Site.CountAsync("RosterLinks", "\"SourcedId\" IN ('st1', 'p1', 'st2', 'p2')"));
    }

    public static TheoryData<string> BadPackages => ["no manifest", "headers out of order", "duplicate sourcedId", "role for an unknown org", "malformed date", "entry with a path", "zip bomb"];

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task A_bad_package_is_refused_with_file_line_and_reason_and_changes_nothing(string fault)
    {
        var district = await Site.NewDistrictAsync();
        var email = $"{Unique("bad")}@roster.test";
        var zip = new OneRosterZip().District("d").School("s1", "Elm School").User("u1", "Bad", "Package", email).Role("r1", "u1", "teacher", "s1");
        (string File, int Line, string Reason) expected;
        switch (fault)
        {
            case "no manifest":
                zip.WithoutManifest = true;
                expected = ("manifest.csv", 0, "no manifest.csv");
                break;
            case "headers out of order":
                zip.UsersHeaderOverride = OneRosterZip.Users12Header.Replace("givenName,familyName", "familyName,givenName");
                expected = ("users.csv", 1, "out of order");
                break;
            case "duplicate sourcedId":
                zip.User("u1", "Same", "Id", $"other.{email}");
                expected = ("users.csv", 3, "appears twice");
                break;
            case "role for an unknown org":
                zip.Role("r2", "u1", "teacher", "nowhere");
                expected = ("roles.csv", 3, "'nowhere', which is neither in orgs.csv");
                break;
            case "malformed date":
                zip.Role("r2", "u1", "teacher", "s1", end: "30/06/2027");
                expected = ("roles.csv", 3, "endDate '30/06/2027' is not a date");
                break;
            case "entry with a path":
                zip.Entry("../evil.csv", "x"u8.ToArray());
                expected = ("../evil.csv", 0, "folder in its name");
                break;
            default:
                zip = new OneRosterZip().District("d").School("s1", "Elm School").User("u1", "Bad", "Package", email).Role("r1", "u1", "teacher", "s1");
                await BombAsync(district, zip, email);
                return;
        }

        await RefusedAsync(district, zip.Build(), email, expected);
    }

    private async Task RefusedAsync(Guid district, byte[] package, string email, (string File, int Line, string Reason) expected)
    {
        var people = await Site.CountAsync("People");
        var organizations = await Site.CountAsync("Organizations");
        var plan = await Site.PreviewAsync(district, package);
        Assert.False(plan.CanImport);
        Assert.Contains(plan.Errors, e => e.File == expected.File && e.Line == expected.Line && e.Reason.Contains(expected.Reason, StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<RuleException>(() => Site.ImportAsync(district, package));
        Assert.Contains("Nothing was changed", refused.Message);
        Assert.Equal(people, await Site.CountAsync("People"));
        Assert.Equal(organizations, await Site.CountAsync("Organizations"));
        Assert.Null(await Site.IsActiveAsync(email));
    }

    /// <summary>users.csv stored as a deflated entry that expands past the bound: refused while expanding, whatever the zip's own size fields say.</summary>
    private async Task BombAsync(Guid district, OneRosterZip zip, string email)
    {
        using var buffer = new MemoryStream();
        buffer.Write(zip.Build());
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry("users.csv")!.Delete();
            using var entry = archive.CreateEntry("users.csv", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < (OneRosterReader.MaxEntryBytes / zeros.Length) + 1; i++)
            {
                entry.Write(zeros);
            }
        }

        Assert.True(buffer.Length < 1024 * 1024, "the bomb is small packed");
        await RefusedAsync(district, buffer.ToArray(), email, ("users.csv", 0, "expands to more than PLBadges reads"));
    }

    [Fact]
    public async Task Roles_given_in_PLBadges_survive_a_bulk_roster_and_roster_roles_follow_it()
    {
        var district = await Site.NewDistrictAsync();
        var email = $"{Unique("keep")}@roster.test";
        var first = new OneRosterZip().District("d").School("s1", "Elm School").School("s2", "Oak School").User("u1", "Kee", "Per", email)
            .Role("r1", "u1", "teacher", "s1").Role("r2", "u1", "teacher", "s2").Build();
        await Site.ImportAsync(district, first);
        var elm = await Site.InScopeAsync(async s => (await s.GetRequiredService<PLBadges.Organizations.Contracts.IRosterOrganizations>().BySourcedIdAsync(district))["s1"]);
        var personId = await Site.PersonIdAsync(email);
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadges.Data.PLBadgesDbContext>();
            db.Add(new PLBadges.Identity.People.Membership { PersonId = personId, OrganizationId = elm, Role = PLBadges.Abstractions.Security.Role.Coach });
            await db.SaveChangesAsync();
        });

        var second = new OneRosterZip().District("d").School("s1", "Elm School").School("s2", "Oak School").User("u1", "Kee", "Per", email)
            .Role("r1", "u1", "teacher", "s1").Build();
        var plan = await Site.ImportAsync(district, second);
        Assert.Contains("Teacher at Oak School removed", plan.Rows.Single().Detail);
        Assert.Equal([$"{email}|Coach|Elm School", $"{email}|Teacher|Elm School"], await Site.MembershipsAsync(district));
    }

    [Fact]
    public async Task A_person_with_an_account_elsewhere_is_invited_and_counts_nowhere_until_they_accept()
    {
        var district = await Site.OrganizationIdAsync("other-district");
        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var sourced = Unique("shared");
        var package = new OneRosterZip().Mode("orgs", "bulk").Mode("users", "delta").Mode("roles", "delta")
            .District("lake-d").School("lake-s", "Lakeside High School", "lakeside-high")
            .User(sourced, "Typed", "Name", DemoPeople.Teacher2).Role($"r-{sourced}", sourced, "teacher", "lake-s").Build();
        var membershipsBefore = await Site.MembershipsAsync(district);
        var emails = await Site.CountAsync("EmailMessages");

        var preview = await PreviewThroughPageAsync(otherAdmin, package, district);
        Assert.Contains("Invitation sent", preview.QuerySelector("section[aria-labelledby=report-heading] table")!.TextContent);
        var imported = await ConfirmThroughPageAsync(otherAdmin, preview, district);
        Assert.Contains("1 invitations sent", Normalize(imported.QuerySelector("[role=status]")!.TextContent));
        Assert.Equal(membershipsBefore, await Site.MembershipsAsync(district));
        Assert.Equal(emails + 1, await Site.CountAsync("EmailMessages"));

        // What the district sees: only what it typed, apart from its people.
        var people = await otherAdmin.GetDocumentAsync($"/district/people?district={district}");
        var tables = people.QuerySelectorAll("table");
        Assert.DoesNotContain(DemoPeople.Teacher2, tables[0].TextContent);
        Assert.Contains("Typed Name", tables[1].TextContent);
        Assert.DoesNotContain(await Site.InScopeAsync(async s => (await s.GetRequiredService<PLBadges.Identity.Contracts.IPeopleDirectory>().FindByEmailAsync(DemoPeople.Teacher2))!.DisplayName), tables[1].TextContent);

        // The person accepts: now they hold the role, and the roster knows them by their sourcedId.
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        var page = await teacher.GetDocumentAsync("/me/invitations");
        Assert.Contains("Lakeside County Schools invites you", page.QuerySelector("main")!.TextContent);
        var invitation = page.QuerySelector("input[name=invitation]")!.GetAttribute("value")!;
        var accepted = await teacher.SubmitAsync("/me/invitations", new Dictionary<string, string> { ["invitation"] = invitation }, handler: "accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains($"{DemoPeople.Teacher2}|Teacher|Lakeside High School", await Site.MembershipsAsync(district));
        Assert.Equal(1, await Site.CountAsync("RosterLinks", $"\"SourcedId\" = '{sourced}'"));

        // Leaving district B's roster takes B's roles only: the account stays, with its demo-district role.
        var leave = new OneRosterZip().Mode("orgs", "absent").Mode("users", "delta").Mode("roles", "absent").User(sourced, "Typed", "Name", DemoPeople.Teacher2, status: "tobedeleted").Build();
        var plan = await Site.ImportAsync(district, leave);
        Assert.Contains("the account stays for their other district", plan.Rows.Single().Detail);
        Assert.DoesNotContain(await Site.MembershipsAsync(district), m => m.StartsWith(DemoPeople.Teacher2, StringComparison.Ordinal));
        Assert.True(await Site.IsActiveAsync(DemoPeople.Teacher2));
        Assert.Contains($"{DemoPeople.Teacher2}|Teacher|Washington Middle School", await Site.MembershipsAsync(await Site.OrganizationIdAsync("demo-district")));
    }

    [Fact]
    public async Task The_invite_form_invites_an_account_from_another_district_instead_of_attaching_it()
    {
        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var district = await Site.OrganizationIdAsync("other-district");
        var school = await Site.OrganizationIdAsync("lakeside-high");
        var before = await Site.MembershipsAsync(district);
        var response = await otherAdmin.SubmitAsync($"/district/people/invite?district={district}", new Dictionary<string, string>
        {
            ["Name"] = "Whoever I Typed", ["Email"] = DemoPeople.Coach, ["Role"] = "Teacher", ["School"] = school.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await Site.MembershipsAsync(district));
        Assert.Equal(1, await Site.CountAsync("DistrictInvitations", $"\"Email\" = '{DemoPeople.Coach}' AND \"AcceptedAt\" IS NULL"));
    }

    [Fact]
    public async Task Preview_changes_nothing_and_confirm_imports_through_the_page_and_the_log_says_so()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var email = $"{Unique("page")}@demo.plbadges.test";
        var package = new OneRosterZip().Mode("users", "delta").Mode("roles", "delta").District("river-d")
            .School("river-lincoln", "Lincoln Elementary School", "lincoln-elementary")
            .User("page-u1", "Paige", "Turner", email).Role("page-r1", "page-u1", "teacher", "river-lincoln").Build();
        var people = await Site.CountAsync("People");

        var preview = await PreviewThroughPageAsync(admin, package, district);
        Assert.Contains("Preview: nothing is imported until you confirm", preview.QuerySelector("h2#report-heading")!.TextContent);
        Assert.Equal(people, await Site.CountAsync("People"));
        Assert.Equal(0, await Site.CountAsync("Organizations", "\"Code\" LIKE 'demo-district-%'")); // Lincoln is matched by its code, not added

        var imported = await ConfirmThroughPageAsync(admin, preview, district);
        Assert.Contains("1 added", Normalize(imported.QuerySelector("[role=status]")!.TextContent));
        Assert.Equal(people + 1, await Site.CountAsync("People"));
        Assert.Contains($"{email}|Teacher|Lincoln Elementary School", await Site.MembershipsAsync(district));

        // Confirming the same preview twice imports once.
        var again = await admin.SubmitAsync($"/district/roster?district={district}", new Dictionary<string, string> { ["upload"] = preview.QuerySelector("input[name=upload]")!.GetAttribute("value")! }, handler: "confirm");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);

        var log = await admin.GetDocumentAsync($"/district/log?district={district}");
        Assert.Contains("Imported the file roster.zip (OneRoster 1.2): 1 added", log.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task The_simple_csv_goes_through_the_same_preview_and_refuses_bad_rows_alone()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var ana = $"{Unique("ana")}@demo.plbadges.test";
        var csv = $"""
            school,name,email,role
            Lincoln Elementary School,Ana Ruiz,{ana},Teacher
            washington-middle,"Lee, Jordan",{ana},Coach
            Lincoln Elementary School,No Email,not-an-email,Teacher
            Nowhere School,Lost Person,lost@demo.plbadges.test,Teacher
            Lincoln Elementary School,Super User,super@demo.plbadges.test,PlatformAdmin
            Lakeside High School,Cross District,cross@demo.plbadges.test,Teacher
            """;
        var preview = await PreviewThroughPageAsync(admin, Encoding.UTF8.GetBytes(csv), district, "roster.csv");
        var rows = Rows(preview);
        Assert.Equal("Added", rows[2].Result);
        Assert.Contains("Teacher at Lincoln Elementary School; Coach at Washington Middle School", rows[2].Why);
        Assert.Contains("not an email address", rows[4].Why);
        Assert.Contains("No school 'Nowhere School'", rows[5].Why);
        Assert.Contains("not a role a roster can give", rows[6].Why);
        Assert.Contains("No school 'Lakeside High School'", rows[7].Why); // another district's school is not one of this district's
        await ConfirmThroughPageAsync(admin, preview, district);
        Assert.Equal([$"{ana}|Coach|Washington Middle School", $"{ana}|Teacher|Lincoln Elementary School"], (await Site.MembershipsAsync(district)).Where(m => m.StartsWith(ana, StringComparison.Ordinal)));

        var second = await PreviewThroughPageAsync(admin, Encoding.UTF8.GetBytes(csv), district, "roster.csv");
        Assert.Contains("0 added, 0 changed, 0 invitations sent, 0 deactivated, 1 unchanged, 4 refused", Normalize(second.QuerySelector("[role=status]")!.TextContent));
    }

    [Fact]
    public async Task The_roster_api_previews_and_imports_for_the_districts_own_client_with_roster_write()
    {
        var district = await Site.OrganizationIdAsync("demo-district");
        var email = $"{Unique("api")}@demo.plbadges.test";
        var package = new OneRosterZip().Mode("users", "delta").Mode("roles", "delta").District("river-d")
            .School("river-lincoln", "Lincoln Elementary School", "lincoln-elementary")
            .User("api-u1", "Abe", "Pi", email).Role("api-r1", "api-u1", "teacher", "river-lincoln").Build();
        var token = await Site.TokenAsync("demo-roster-sync", "demo-roster-Secret-2026", "roster:write");

        var preview = await PostRosterAsync(token, district, package, confirm: false);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        Assert.Equal(1, body["added"]!.GetValue<int>());
        Assert.False(body["imported"]!.GetValue<bool>());
        Assert.Null(await Site.IsActiveAsync(email));

        var done = await PostRosterAsync(token, district, package, confirm: true);
        Assert.True(System.Text.Json.Nodes.JsonNode.Parse(await done.Content.ReadAsStringAsync())!["imported"]!.GetValue<bool>());
        Assert.True(await Site.IsActiveAsync(email));

        // Another district's roster, a client without the scope, no token: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostRosterAsync(token, await Site.OrganizationIdAsync("other-district"), package, confirm: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostRosterAsync(await Site.TokenAsync(), district, package, confirm: false)).StatusCode);
        Assert.DoesNotContain("\"imported\"", await (await PostRosterAsync(null, district, package, confirm: true)).Content.ReadAsStringAsync());
        // A bad package: 422 with the file, line and reason.
        var bad = await PostRosterAsync(token, district, new OneRosterZip { WithoutManifest = true }.Build(), confirm: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("manifest.csv", await bad.Content.ReadAsStringAsync());

        var openApi = await Site.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/districts/{id}/roster", openApi);
    }

    [Fact]
    public async Task The_demo_oneroster_package_in_seed_content_imports_as_the_readme_says()
    {
        // The package the README tells a developer to zip and upload (seed-content/oneroster/riverbend-1.2), here into a
        // district of its own so no other test meets its people.
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "seed-content", "oneroster", "riverbend-1.2"), "*.csv"))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        var district = await Site.NewDistrictAsync();
        var preview = await Site.PreviewAsync(district, zipped.ToArray());
        Assert.True(preview.CanImport, string.Join("; ", preview.Errors.Select(e => $"{e.File}:{e.Line} {e.Reason}")));
        Assert.Equal("OneRoster 1.2", preview.Package.Format);
        Assert.Equal(3, preview.SchoolsAdded);
        Assert.Equal(1, preview.Package.SkippedNonStaff); // Sam Student, never stored
        Assert.Contains(preview.Warnings, w => w.File == "roles.csv" && w.Reason.Contains("counselor", StringComparison.OrdinalIgnoreCase));

        await Site.ImportAsync(district, zipped.ToArray());
        var memberships = await Site.MembershipsAsync(district);
        Assert.Contains("lena.okafor@demo.plbadges.test|Teacher|Lincoln Elementary School", memberships);
        Assert.Contains("tomas.reyes@demo.plbadges.test|Teacher|Lincoln Elementary School", memberships); // an aide takes part as a teacher
        Assert.Contains("grace.nguyen@demo.plbadges.test|Teacher|Washington Middle School", memberships);
        Assert.Contains("marcus.hill@demo.plbadges.test|SchoolLeader|Jefferson High School", memberships);
        Assert.DoesNotContain(memberships, m => m.StartsWith("priya.shah@", StringComparison.Ordinal));
        Assert.Null(await Site.IsActiveAsync("sam.student@students.demo.plbadges.test"));
    }

    [Fact]
    public async Task Another_districts_admin_cannot_import_into_this_district()
    {
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var demoDistrict = await Site.OrganizationIdAsync("demo-district");
        var response = await other.GetAsync($"/district/roster?district={demoDistrict}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Teachers_cannot_import()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var response = await teacher.GetAsync("/district/roster");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/error/403", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_template_imports_cleanly_and_the_guide_downloads()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var template = await admin.GetByteArrayAsync("/district/roster?handler=template");
        var plan = await Site.PreviewAsync(await Site.NewDistrictAsync(), template);
        Assert.True(plan.CanImport, string.Join("; ", plan.Errors));
        Assert.Equal(2, plan.Count(RosterChange.Added));
        Assert.Contains("Leavers", await admin.GetStringAsync("/district/roster?handler=guide"));
    }

    private async Task<HttpResponseMessage> PostRosterAsync(string? token, Guid district, byte[] package, bool confirm)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/districts/{district}/roster{(confirm ? "?confirm=true" : "")}") { Content = new ByteArrayContent(package) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        if (token != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Site.CreateClient().SendAsync(request);
    }

    private Task<string> CodeAsync(Guid district) => Site.InScopeAsync(async s => (await s.GetRequiredService<PLBadges.Organizations.Contracts.IOrganizationDirectory>().GetAsync(district))!.Code);

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static Dictionary<int, (string Result, string Why)> Rows(IHtmlDocument document) =>
        document.QuerySelectorAll("section[aria-labelledby=report-heading] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToDictionary(cells => int.Parse(cells[1]), cells => (cells[4], cells[5]));

    private static async Task<IHtmlDocument> PreviewThroughPageAsync(HttpClient client, byte[] package, Guid district, string name = "roster.zip")
    {
        var response = await RosterTestsUpload.PostAsync(client, package, district, name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static async Task<IHtmlDocument> ConfirmThroughPageAsync(HttpClient client, IHtmlDocument preview, Guid district)
    {
        var form = preview.QuerySelector("form[action*=confirm]")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["district"] = district.ToString(),
            ["upload"] = form.QuerySelector("input[name=upload]")!.GetAttribute("value")!,
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return new HtmlParser().ParseDocument(text);
    }
}

/// <summary>Uploads a roster file through the real form (the preview step).</summary>
internal static class RosterTestsUpload
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string csv, Guid? district = null) =>
        PostAsync(client, Encoding.UTF8.GetBytes(csv), district, "roster.csv");

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] content, Guid? district, string name)
    {
        var path = "/district/roster" + (district == null ? "" : $"?district={district}");
        var page = await client.GetDocumentAsync(path);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("true"), "invite" },
        };
        if (district != null)
        {
            form.Add(new StringContent(district.ToString()!), "district");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/csv");
        form.Add(file, "file", name);
        return await client.PostAsync(path, form);
    }

    /// <summary>Previews and confirms a roster through the page, answering the confirmed page.</summary>
    public static async Task<string> ImportAsync(HttpClient client, string csv)
    {
        var preview = new HtmlParser().ParseDocument(await (await PostAsync(client, csv)).Content.ReadAsStringAsync());
        var form = preview.QuerySelector("form[action*=confirm]")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "")));
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class RosterOnSqlite(SqliteSite fixture) : RosterTests(fixture), IClassFixture<SqliteSite>;

public sealed class RosterOnPostgres(PostgresSite fixture) : RosterTests(fixture), IClassFixture<PostgresSite>;
