using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.Roster;

namespace PLBadges.IntegrationTests;

/// <summary>Builds OneRoster CSV packages (zips) for tests, row by row, and runs them through the real import.</summary>
internal sealed class OneRosterZip(string version = "1.2")
{
    public const string Users12Header = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns";
    public const string Users11Header = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
    public const string OrgsHeader = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";
    public const string RolesHeader = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId";

    private readonly Dictionary<string, string> modes = new() { ["orgs"] = "bulk", ["users"] = "bulk", ["roles"] = version == "1.2" ? "bulk" : "absent" };
    private readonly List<string> orgs = [];
    private readonly List<string> users = [];
    private readonly List<string> roles = [];
    private readonly List<(string Name, byte[] Bytes)> extra = [];

    public string? ManifestOverride { get; set; }

    public string? UsersHeaderOverride { get; set; }

    public bool WithoutManifest { get; set; }

    public OneRosterZip Mode(string file, string mode)
    {
        modes[file] = mode;
        return this;
    }

    public OneRosterZip District(string sourcedId, string name = "The District") => Org(sourcedId, name, "district");

    public OneRosterZip School(string sourcedId, string name, string? identifier = null, string status = "") => Org(sourcedId, name, "school", identifier, status);

    public OneRosterZip Org(string sourcedId, string name, string type, string? identifier = null, string status = "")
    {
        orgs.Add($"{sourcedId},{status},,{name},{type},{identifier},");
        return this;
    }

    /// <summary>A 1.2 user (roles come from <see cref="Role"/>).</summary>
    public OneRosterZip User(string sourcedId, string given, string family, string email, bool enabled = true, string status = "", string modified = "")
    {
        users.Add($"{sourcedId},{status},{modified},{(enabled ? "true" : "false")},{sourcedId},,{given},{family},,,{email},,,,,,,,,,,,");
        return this;
    }

    /// <summary>A 1.1 user with their role at one or more orgs.</summary>
    public OneRosterZip User11(string sourcedId, string role, string orgSourcedIds, string given, string family, string email, bool enabled = true, string status = "")
    {
        users.Add($"{sourcedId},{status},,{(enabled ? "true" : "false")},\"{orgSourcedIds}\",{role},{sourcedId},,{given},{family},,,{email},,,,,");
        return this;
    }

    public OneRosterZip Role(string sourcedId, string user, string role, string org, string status = "", string begin = "", string end = "")
    {
        roles.Add($"{sourcedId},{status},,{user},primary,{role},{begin},{end},{org},");
        return this;
    }

    public OneRosterZip Entry(string name, byte[] bytes)
    {
        extra.Add((name, bytes));
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }

            if (!WithoutManifest)
            {
                Add("manifest.csv", ManifestOverride ?? $"propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,{version}\r\nfile.orgs,{modes["orgs"]}\r\nfile.users,{modes["users"]}\r\nfile.roles,{modes["roles"]}\r\nfile.classes,absent\r\nfile.enrollments,absent\r\n");
            }

            if (modes["orgs"] != "absent")
            {
                Add("orgs.csv", string.Join("\r\n", [OrgsHeader, .. orgs]) + "\r\n");
            }

            if (modes["users"] != "absent")
            {
                Add("users.csv", string.Join("\r\n", [UsersHeaderOverride ?? (version == "1.2" ? Users12Header : Users11Header), .. users]) + "\r\n");
            }

            if (version == "1.2" && modes["roles"] != "absent")
            {
                Add("roles.csv", string.Join("\r\n", [RolesHeader, .. roles]) + "\r\n");
            }

            foreach (var (name, bytes) in extra)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}

internal static class RosterDriver
{
    /// <summary>A new district of the demo state with no one in it, so bulk rosters of one test meet no other test's people.</summary>
    public static async Task<Guid> NewDistrictAsync(this TestSite site, string? code = null)
    {
        code ??= $"district-{Guid.NewGuid():N}"[..20];
        await site.ApplyRecipeAsync($$"""
            { "name": "test-district", "steps": [ { "name": "Organizations", "items": [
              { "kind": "District", "code": "{{code}}", "name": "District {{code}}", "parent": "demo-state" } ] } ] }
            """);
        return await site.OrganizationIdAsync(code);
    }

    public static Task<RosterPlan> PreviewAsync(this TestSite site, Guid district, byte[] package) =>
        site.InScopeAsync(async services =>
        {
            var import = services.GetRequiredService<RosterImport>();
            return await import.PreviewAsync(district, await import.ReadAsync(new MemoryStream(package), CancellationToken.None), CancellationToken.None);
        });

    public static Task<RosterPlan> SyncAsync(this TestSite site, Guid district, byte[] package) =>
        site.InScopeAsync(async services =>
        {
            var import = services.GetRequiredService<RosterImport>();
            return await import.SyncAsync(district, await import.ReadAsync(new MemoryStream(package), CancellationToken.None), "a test sync", CancellationToken.None);
        });

    public static Task<RosterPlan> ImportAsync(this TestSite site, Guid district, byte[] package, bool invite = false) =>
        site.InScopeAsync(async services =>
        {
            var import = services.GetRequiredService<RosterImport>();
            return await import.ImportAsync(district, await import.ReadAsync(new MemoryStream(package), CancellationToken.None), invite, null, "a test", CancellationToken.None);
        });

    /// <summary>Each active membership in the district's tree as "email|role|organization name", sorted.</summary>
    public static Task<List<string>> MembershipsAsync(this TestSite site, Guid district) =>
        site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>();
            var organizations = services.GetRequiredService<PLBadges.Organizations.Contracts.IOrganizationDirectory>();
            var tree = (await organizations.WithDescendantsAsync([district])).ToList();
            var names = (await organizations.ListAsync(tree)).ToDictionary(o => o.Id, o => o.Name);
            var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                from m in db.Set<PLBadges.Identity.People.Membership>()
                join p in db.Set<PLBadges.Identity.People.Person>() on m.PersonId equals p.Id
                where m.OrganizationId != null && tree.Contains(m.OrganizationId.Value)
                select new { p.Email, m.Role, Organization = m.OrganizationId!.Value });
            return rows.Select(r => $"{r.Email}|{r.Role}|{names[r.Organization]}").Order(StringComparer.Ordinal).ToList();
        });

    public static Task<bool?> IsActiveAsync(this TestSite site, string email) =>
        site.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>();
            return (await users.FindByEmailAsync(email))?.IsActive;
        });
}
