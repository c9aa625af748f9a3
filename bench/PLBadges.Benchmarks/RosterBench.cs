using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.Roster;
using PLBadges.Organizations.Contracts;
using PLBadges.Testing;
using PLBadges.Web.Recipes;

namespace PLBadges.Benchmarks;

/// <summary>
/// A large district's OneRoster 1.2 bulk package (300 schools, 30,000 staff, 45,000 roles, and
/// 60,000 students that are skipped) into an empty district: the preview (read, plan, keep) and the
/// import, each once; the same package again (nothing changes); then a delta of 500 changes (200
/// renamed, 150 new roles, 100 leavers, 50 new people). Goals: preview and import under 60 s each,
/// the delta under 5 s.
/// </summary>
internal static class RosterBench
{
    private const int Schools = 300;
    private const int Staff = 30_000;
    private const int Students = 60_000;

    public static async Task<int> RunAsync(string provider)
    {
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        await site.InScopeAsync(s => s.GetRequiredService<RecipeExecutor>().ApplyJsonAsync("""
            { "name": "bench-district", "steps": [ { "name": "Organizations", "items": [
              { "kind": "District", "code": "bench-district", "name": "Bench Unified", "parent": "demo-state" } ] } ] }
            """));
        var district = await site.InScopeAsync(async s => (await s.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("bench-district"))!.Id);
        var bulk = Bulk();
        var delta = Delta();
        Console.WriteLine($"Package: {bulk.Length / 1024.0 / 1024.0:0.0} MB zipped ({Schools} schools, {Staff:N0} staff, {Staff * 3 / 2:N0} roles, {Students:N0} students); delta {delta.Length / 1024.0:0} KB.");
        Console.WriteLine();
        Console.WriteLine($"| {provider} | seconds | result |");
        Console.WriteLine("|---|---|---|");
        await TimeAsync(site, "Preview of the bulk package (read, plan, keep)", async import =>
        {
            var plan = await import.PreviewAsync(district, await import.ReadAsync(new MemoryStream(bulk), CancellationToken.None), CancellationToken.None);
            await import.KeepAsync(plan, "bulk.zip", false, null, CancellationToken.None);
            return Describe(plan);
        });
        await TimeAsync(site, "Import of the bulk package", async import => Describe(await import.ImportAsync(district, await import.ReadAsync(new MemoryStream(bulk), CancellationToken.None), false, null, "bench", CancellationToken.None)));
        await TimeAsync(site, "The same bulk package again (nothing to change)", async import => Describe(await import.ImportAsync(district, await import.ReadAsync(new MemoryStream(bulk), CancellationToken.None), false, null, "bench", CancellationToken.None)));
        if (Environment.GetEnvironmentVariable("ROSTER_BENCH_SHORT") == "1")
        {
            return 0;
        }

        await TimeAsync(site, "Preview of a delta of 500 changes", async import => Describe(await import.PreviewAsync(district, await import.ReadAsync(new MemoryStream(delta), CancellationToken.None), CancellationToken.None)));
        await TimeAsync(site, "Import of a delta of 500 changes", async import => Describe(await import.ImportAsync(district, await import.ReadAsync(new MemoryStream(delta), CancellationToken.None), false, null, "bench", CancellationToken.None)));
        return 0;
    }

    private static async Task TimeAsync(TestSite site, string label, Func<RosterImport, Task<string>> work)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await site.InScopeAsync(s => work(s.GetRequiredService<RosterImport>()));
        Console.WriteLine($"| {label} | {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} | {result} |");
    }

    private static string Describe(RosterPlan plan) =>
        plan.CanImport
            ? $"{plan.Count(RosterChange.Added)} added, {plan.Count(RosterChange.Changed)} changed, {plan.Count(RosterChange.Deactivated)} deactivated, {plan.Count(RosterChange.Unchanged)} unchanged, {plan.SchoolsAdded} schools added, {plan.Package.SkippedNonStaff} skipped"
            : $"refused: {plan.Errors[0]}";

    private static string School(int i) => $"sch-{i:D4}";

    private static byte[] Bulk()
    {
        var orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n");
        orgs.Append("dist-1,,,Bench Unified,district,,\n");
        for (var i = 0; i < Schools; i++)
        {
            orgs.Append($"{School(i)},,,School number {i},school,bench-{i},dist-1\n");
        }

        var users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n");
        var roles = new StringBuilder("sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\n");
        for (var i = 0; i < Staff; i++)
        {
            users.Append($"stf-{i},,,true,stf{i},,Given{i},Family{i},,,staff{i}@bench.test,,,,,,,,,,,{School(i % Schools)},\n");
            var role = i % 100 == 0 ? "principal" : i == 1 ? "districtAdministrator" : "teacher";
            roles.Append($"rol-{i}-a,,,stf-{i},primary,{role},,,{(role == "districtAdministrator" ? "dist-1" : School(i % Schools))},\n");
            if (i % 2 == 0)
            {
                roles.Append($"rol-{i}-b,,,stf-{i},secondary,teacher,,,{School((i + 7) % Schools)},\n");
            }
        }

        for (var i = 0; i < Students; i++)
        {
            users.Append($"stu-{i},,,true,stu{i},,Student{i},Family{i},,,,,,,,,,,,,,{School(i % Schools)},\n");
            roles.Append($"rol-stu-{i},,,stu-{i},primary,student,,,{School(i % Schools)},\n");
        }

        return Zip(1.2m, "bulk", orgs.ToString(), users.ToString(), roles.ToString());
    }

    private static byte[] Delta()
    {
        var users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n");
        var roles = new StringBuilder("sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\n");
        for (var i = 1001; i <= 1200; i++)
        {
            users.Append($"stf-{i},active,2026-09-01T00:00:00Z,true,stf{i},,Renamed{i},Family{i},,,staff{i}@bench.test,,,,,,,,,,,{School(i % Schools)},\n");
        }

        for (var i = 2001; i <= 2150; i++)
        {
            roles.Append($"rol-{i}-c,active,2026-09-01T00:00:00Z,stf-{i},secondary,teacher,,,{School((i + 50) % Schools)},\n");
        }

        for (var i = 3001; i <= 3100; i++)
        {
            users.Append($"stf-{i},tobedeleted,2026-09-01T00:00:00Z,true,stf{i},,Given{i},Family{i},,,staff{i}@bench.test,,,,,,,,,,,{School(i % Schools)},\n");
        }

        for (var i = 0; i < 50; i++)
        {
            users.Append($"new-{i},active,2026-09-01T00:00:00Z,true,new{i},,New{i},Person{i},,,new{i}@bench.test,,,,,,,,,,,{School(i)},\n");
            roles.Append($"rol-new-{i},active,2026-09-01T00:00:00Z,new-{i},primary,teacher,,,{School(i)},\n");
        }

        return Zip(1.2m, "delta", null, users.ToString(), roles.ToString());
    }

    private static byte[] Zip(decimal version, string mode, string? orgs, string users, string roles)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }

            Add("manifest.csv", $"propertyName,value\nmanifest.version,1.0\noneroster.version,{version}\nfile.orgs,{(orgs == null ? "absent" : mode)}\nfile.users,{mode}\nfile.roles,{mode}\n");
            if (orgs != null)
            {
                Add("orgs.csv", orgs);
            }

            Add("users.csv", users);
            Add("roles.csv", roles);
        }

        return buffer.ToArray();
    }
}
