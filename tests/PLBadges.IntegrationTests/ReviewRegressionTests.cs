using System.Net;
using System.Text.RegularExpressions;

namespace PLBadges.IntegrationTests;

/// <summary>Holes and bugs a review found in the foundation, each pinned by a test.</summary>
public abstract class ReviewRegressionTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Another_district_cannot_lock_out_or_reset_someone_who_works_elsewhere_too()
    {
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var lakeside = await Site.OrganizationIdAsync("lakeside-high");
        var invited = await other.SubmitAsync("/district/people/invite", new Dictionary<string, string>
        {
            ["Name"] = "Anyone", ["Email"] = DemoPeople.Platform, ["Role"] = "Teacher", ["School"] = lakeside.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var message = await (await other.GetAsync(invited.Headers.Location!.OriginalString)).TextAsync();
        Assert.Contains("a new account gets an invitation email", message); // the same words as for a new person

        var platformId = await Site.PersonIdAsync(DemoPeople.Platform);
        // Until the person accepts, the district holds only its invitation: the account is not its to see or change.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/district/people/{platformId}")).StatusCode);

        var token = await other.TokenAsync("/district/people");
        var deactivate = await other.PostAsync($"/district/people/{platformId}?handler=active", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["active"] = "false" }));
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);
        var reinvite = await other.PostAsync($"/district/people/{platformId}?handler=reinvite", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, reinvite.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Site.CreateBrowserlikeClient().SignInAsync(DemoPeople.Platform)).StatusCode);
    }

    [Fact]
    public async Task An_invited_account_answers_a_guessed_password_like_an_unknown_one()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        await admin.SubmitAsync("/district/people/invite", new Dictionary<string, string>
        {
            ["Name"] = "Pending Person", ["Email"] = "pending@demo.plbadges.test", ["Role"] = "Teacher", ["School"] = lincoln.ToString(),
        });
        var guess = await Site.CreateBrowserlikeClient().SignInAsync("pending@demo.plbadges.test", "Any-guess-123");
        var text = await guess.TextAsync();
        Assert.Contains("do not match an account", text);
        Assert.DoesNotContain("confirm your email", text);
    }

    [Fact]
    public async Task Empty_form_fields_get_a_message_not_a_server_error()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var invite = await admin.SubmitAsync("/district/people/invite", new Dictionary<string, string> { ["Name"] = "", ["Email"] = "", ["Role"] = "Teacher", ["School"] = "" });
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Contains("Enter a valid email address", await invite.TextAsync());

        var reset = await Site.CreateBrowserlikeClient().SubmitAsync($"/account/reset-password?person={Guid.NewGuid()}&token=x", new Dictionary<string, string> { ["Password"] = "", ["Confirm"] = "" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("not valid", await reset.TextAsync());

        var me = await (await Site.SignedInClientAsync(DemoPeople.Coach)).SubmitAsync("/me", new Dictionary<string, string> { ["Current"] = "", ["Password"] = "" });
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Wording_that_cannot_render_is_refused_before_it_is_saved()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var page = $"/district/templates/edit?name=identity.reset-password&district={district}";
        var response = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Name"] = "identity.reset-password", ["District"] = district.ToString(), ["Subject"] = "Reset", ["Body"] = "{{ 1 | divided_by: 0 }} {{ link }}",
        }, handler: "save");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be rendered", await response.TextAsync());
        Assert.Equal(0, await Site.CountAsync("EmailTemplateOverrides", "\"Template\" = 'identity.reset-password'"));
    }

    [Fact]
    public async Task A_person_listed_twice_in_a_roster_keeps_one_name_and_a_second_import_changes_nothing()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        const string csv = "school,name,email,role\nLincoln Elementary School,Twin One,twin@demo.plbadges.test,Teacher\nWashington Middle School,Twin Two,twin@demo.plbadges.test,Coach\n";
        await RosterTestsUpload.ImportAsync(admin, csv);
        var second = await (await RosterTestsUpload.PostAsync(admin, csv)).TextAsync();
        Assert.Contains("0 added, 0 changed, 0 invitations sent, 0 deactivated, 1 unchanged, 0 refused", Regex.Replace(second, @"\s+", " "));
        Assert.Equal(1, await Site.CountAsync("People", "\"DisplayName\" = 'Twin One'"));
    }

    [Fact]
    public async Task Email_links_never_come_from_the_request_host_header()
    {
        await Site.AddPersonAsync("hosty@demo.plbadges.test");
        var client = Site.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Host = "evil.example";
        await client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "hosty@demo.plbadges.test" });
        var body = await Site.InScopeAsync(async services =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PLBadges.Data.PLBadgesDbContext>(services);
            var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.OpenConnectionAsync(db.Database);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"TextBody\" FROM \"EmailMessages\" WHERE \"To\" = 'hosty@demo.plbadges.test'";
            return (string)(await command.ExecuteScalarAsync())!;
        });
        Assert.Contains("/account/reset-password?person=", body);
        Assert.DoesNotContain("evil.example", body);
    }
}

public sealed class ReviewRegressionOnSqlite(SqliteSite fixture) : ReviewRegressionTests(fixture), IClassFixture<SqliteSite>;

public sealed class ReviewRegressionOnPostgres(PostgresSite fixture) : ReviewRegressionTests(fixture), IClassFixture<PostgresSite>;
