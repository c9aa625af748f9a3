using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.Providers;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Microsoft's shared endpoint, where OpenIddict cannot check the issuer: the sign-in's own check that
/// the token names its tenant's issuer (https://login.microsoftonline.com/{tid}/v2.0) and a tenant on
/// the district's list. Checked here at the handler, with the identity as OpenIddict hands it on:
/// a stand-in provider on 127.0.0.1 can only sign as itself, never as login.microsoftonline.com
/// (DistrictSignInTests runs the rest of Microsoft's rules through a real provider).
/// </summary>
public abstract class MicrosoftIssuerTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Only_a_token_naming_its_own_listed_tenants_issuer_signs_in()
    {
        await Site.ApplyRecipeAsync("""
            { "name": "microsoft-sign-in", "steps": [ { "name": "SignIn",
              "districts": [ { "district": "demo-district", "domains": "demo.plbadges.test", "tenants": "11111111-aaaa-bbbb-cccc-000000000001" } ],
              "providers": [ { "kind": "Microsoft", "displayName": "Microsoft", "issuer": "https://login.microsoftonline.com/organizations/v2.0", "clientId": "plbadges", "clientSecret": "not-used-here" } ] } ] }
            """);
        const string Listed = "11111111-aaaa-bbbb-cccc-000000000001";
        const string Unlisted = "22222222-aaaa-bbbb-cccc-000000000002";
        ExternalIdentity Token(string issuer, string tenant, string oid, bool edov = true) =>
            new("microsoft", issuer, "pairwise-sub-" + oid, DemoPeople.Teacher2, EmailVerified: false, HostedDomain: null, tenant, oid, edov, SourcedId: null, ClassLinkTenant: null);

        // Another tenant's issuer with a listed tid: refused (a token from tenant B claiming tenant A).
        Assert.Equal(ExternalRefusal.Failed, (await ResolveAsync(Token($"https://login.microsoftonline.com/{Unlisted}/v2.0", Listed, "o-1"))).Refusal);
        // The shared endpoint's own name is no tenant's issuer.
        Assert.Equal(ExternalRefusal.Failed, (await ResolveAsync(Token("https://login.microsoftonline.com/organizations/v2.0", Listed, "o-1"))).Refusal);
        // A tenant on no district's list, with its own issuer.
        Assert.Equal(ExternalRefusal.NoDistrict, (await ResolveAsync(Token($"https://login.microsoftonline.com/{Unlisted}/v2.0", Unlisted, "o-1"))).Refusal);
        // The listed tenant's issuer, but a domain Microsoft has not verified: not linked by email.
        Assert.Equal(ExternalRefusal.NotFound, (await ResolveAsync(Token($"https://login.microsoftonline.com/{Listed}/v2.0", Listed, "o-1", edov: false))).Refusal);
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"LoginProvider\" = 'microsoft'"));

        // All three right: linked by tenant and object id.
        var (person, refusal) = await ResolveAsync(Token($"https://login.microsoftonline.com/{Listed}/v2.0", Listed, "o-1"));
        Assert.Null(refusal);
        Assert.Equal(await Site.PersonIdAsync(DemoPeople.Teacher2), person);
        Assert.Equal(1, await Site.CountAsync("PersonLogins", $"\"LoginProvider\" = 'microsoft' AND \"ProviderKey\" = '{Listed}:o-1'"));
    }

    private Task<(Guid? Person, ExternalRefusal? Refusal)> ResolveAsync(ExternalIdentity identity) =>
        Site.InScopeAsync(async services =>
        {
            var (person, refusal) = await services.GetRequiredService<ExternalSignIn>().ResolveAsync(identity, CancellationToken.None);
            await services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>().SaveChangesAsync();
            return (person?.Id, refusal);
        });
}

public sealed class MicrosoftIssuerOnSqlite(SqliteSite fixture) : MicrosoftIssuerTests(fixture), IClassFixture<SqliteSite>;

public sealed class MicrosoftIssuerOnPostgres(PostgresSite fixture) : MicrosoftIssuerTests(fixture), IClassFixture<PostgresSite>;
