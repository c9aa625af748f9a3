using System.Diagnostics;
using System.Reflection;
using System.Security.Claims;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Readiness;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Testing;
using PLBadges.Web.Recipes;

namespace PLBadges.Benchmarks;

/// <summary>
/// Rollout readiness at state scale: 50 districts, 1,500 schools (the demo district the largest,
/// with 90), 60,000 teachers, each school with a device rollout date 3 to 24 months ahead,
/// micro-credentials held by about 40% of teachers, coaching cycles for about 20%, and academies
/// with a leadership team of four per school, six sessions each and attendance for those held.
/// Times /district/readiness and its CSV as the demo district admin (median and 95th percentile),
/// and <see cref="ReadinessBoard.BuildAsync"/> alone, with the database commands one build issues.
/// </summary>
internal static class ReadinessBench
{
    private const int Districts = 50;
    private const int Schools = 1_500;
    private const int LargestSchools = 90;
    private const int Teachers = 60_000;
    private const int SessionsPerCohort = 6;
    private const int SchoolsPerCohort = 30;

    private static readonly Type MembershipType = typeof(Person).Assembly.GetType("PLBadges.Identity.People.Membership", throwOnError: true)!;

    /// <param name="timed">Timed requests per measure (200 unless given; 20 warm-ups, or a tenth of a smaller count).</param>
    public static async Task<int> RunAsync(string provider, int timed = 200)
    {
        var warmUps = Math.Min(20, Math.Max(1, timed / 10));
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        var seeding = Stopwatch.StartNew();
        var sizes = await SeedAsync(site);
        seeding.Stop();
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s ({provider}): {sizes}.");

        var admin = await site.SignedInClientAsync(DemoPeople.Admin);
        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync("/district/readiness"));
        var rows = page.QuerySelectorAll("#readiness tbody tr");
        Console.WriteLine($"The admin's dashboard: {rows.Length} schools ({string.Join(", ", rows.GroupBy(r => r.GetAttribute("data-state")).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}).");
        var csv = await admin.GetAsync("/district/readiness?handler=csv");
        csv.EnsureSuccessStatusCode();
        Console.WriteLine($"CSV: {csv.Content.Headers.ContentType}, {(await csv.Content.ReadAsByteArrayAsync()).Length:N0} bytes.");

        // Where one build's time goes first: every database command it issues, as EF Core reports them.
        var adminId = (await site.InScopeAsync(services => services.GetRequiredService<IPeopleDirectory>().FindByEmailAsync(DemoPeople.Admin)))!.Id;
        await BuildAsAsync(site, adminId);
        using (Commands.Listen())
        {
            Commands.Capturing = true;
            var started = Stopwatch.GetTimestamp();
            var view = await BuildAsAsync(site, adminId);
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Commands.Capturing = false;
            var captured = Commands.Captured.Values.ToList();
            Console.WriteLine();
            Console.WriteLine($"One BuildAsync ({view.Rows.Count} rows): {total:0.0} ms in all; {captured.Count} database commands, {captured.Sum(c => c.Executed):0.0} ms executing and {captured.Sum(c => c.Read):0.0} ms until their readers closed.");
            Console.WriteLine("| commands | executing ms | until read ms | rows | parameters | command (start) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var group in captured.GroupBy(c => Shape(c.Sql)).OrderByDescending(g => g.Sum(c => c.Read)))
            {
                Console.WriteLine($"| {group.Count()} | {group.Sum(c => c.Executed):0.0} | {group.Sum(c => c.Read):0.0} | {group.Sum(c => c.Rows):N0} | {group.Max(c => c.Parameters)} | `{group.Key}` |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| {provider}: measure ({LargestSchools} schools, signed in as the district admin; {warmUps} warm-ups, {timed} timed) | median ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        await Timing.TimeAsync("GET /district/readiness (dashboard page)", warmUps, timed, async () => (await admin.GetAsync("/district/readiness")).EnsureSuccessStatusCode());
        await Timing.TimeAsync("GET /district/readiness?handler=csv (CSV)", warmUps, timed, async () =>
        {
            var response = (await admin.GetAsync("/district/readiness?handler=csv")).EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        await Timing.TimeAsync("GET / (home page: the same layout and sign-in, as a baseline)", warmUps, timed, async () => (await admin.GetAsync("/")).EnsureSuccessStatusCode());
        await Timing.TimeAsync("ReadinessBoard.BuildAsync alone (a scope each)", warmUps, timed, () => BuildAsAsync(site, adminId));
        return 0;
    }

    /// <summary>The board as the page builds it, in a scope of its own whose request is signed in as the person.</summary>
    private static async Task<ReadinessBoardView> BuildAsAsync(TestSite site, Guid personId)
    {
        using var scope = site.Services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, personId.ToString())], "bench")),
        };
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ReadinessBoard>().BuildAsync(CancellationToken.None);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>A command's first words, with the parameter names and long IN lists folded, so commands of the same query group together.</summary>
    private static string Shape(string sql)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(sql, @"\s+", " ");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"[@$:]\w+(, [@$:]\w+)*", "@p");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"SELECT .*? FROM ", "SELECT … FROM ");
        return text.Length > 150 ? text[..150] + "…" : text;
    }

    /// <summary>One command: the time to execute it, the time until its reader closed (the rows read), and how many rows.</summary>
    private sealed record Command(string Sql, int Parameters, double Executed, double Read, int Rows);

    /// <summary>EF Core's "command executed" and "data reader disposing" diagnostics, captured while <see cref="Capturing"/> is set.</summary>
    private sealed class Commands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public static volatile bool Capturing;
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Command> Captured = new();
        private readonly List<IDisposable> subscriptions = [];

        public static IDisposable Listen()
        {
            var commands = new Commands();
            commands.subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(commands));
            return new Unsubscriber(commands);
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Capturing && value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
            {
                var ms = executed.Duration.TotalMilliseconds;
                Captured[executed.CommandId] = new Command(executed.Command.CommandText, executed.Command.Parameters.Count, ms, ms, 0);
            }
            else if (Capturing && value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData disposing
                && Captured.TryGetValue(disposing.CommandId, out var command))
            {
                Captured[disposing.CommandId] = command with { Read = disposing.Duration.TotalMilliseconds, Rows = disposing.ReadCount };
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        private sealed class Unsubscriber(Commands commands) : IDisposable
        {
            public void Dispose()
            {
                foreach (var subscription in commands.subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }
    }

    private sealed record Sizes(int Districts, int Schools, int LargestDistrictSchools, int Teachers, int TeachersWithCredentials, int Credentials, int TeachersInCycles,
        int Cohorts, int SchoolsInCohorts, int TeamMembers, int Sessions, int Attendance)
    {
        public override string ToString() =>
            $"{Districts} districts, {Schools:N0} schools (the largest {LargestDistrictSchools}), {Teachers:N0} teachers, {Credentials:N0} credentials held by {TeachersWithCredentials:N0} teachers and team members, " +
            $"{TeachersInCycles:N0} teachers in coaching cycles, {Cohorts} academies serving {SchoolsInCohorts:N0} schools with {TeamMembers:N0} team members, {Sessions} sessions, {Attendance:N0} attendance records";
    }

    private static async Task<Sizes> SeedAsync(TestSite site)
    {
        var random = new Random(42);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Rollout() => today.AddDays(random.Next(92, 731)).ToString("yyyy-MM-dd");

        // Districts and schools through the Organizations recipe step, as a state's set-up would.
        // The demo district (its admin signs in below) is the largest; the demo recipe made it,
        // the other district and three schools; 48 more districts share the rest unevenly.
        var newDistricts = Enumerable.Range(1, Districts - 2).Select(d => $"bench-district-{d}").ToList();
        var schoolsOf = new Dictionary<string, int> { ["demo-district"] = LargestSchools - 2, ["other-district"] = 0 };
        var rest = Schools - LargestSchools;
        var weights = Enumerable.Range(0, Districts - 1).Select(_ => 0.3 + random.NextDouble() * 1.4).ToList();
        var shares = weights.Select(w => (int)(rest * w / weights.Sum())).ToList();
        shares[0] += rest - shares.Sum();
        schoolsOf["other-district"] = shares[0] - 1;
        for (var d = 0; d < newDistricts.Count; d++)
        {
            schoolsOf[newDistricts[d]] = shares[d + 1];
        }

        var zones = new[] { "America/Chicago", "America/New_York", "America/Denver", "America/Los_Angeles" };
        var items = new List<string>();
        for (var d = 0; d < newDistricts.Count; d++)
        {
            items.Add($$"""{ "kind": "District", "code": "{{newDistricts[d]}}", "name": "Bench District {{d + 1}}", "parent": "demo-state", "timeZone": "{{zones[d % zones.Length]}}" }""");
        }

        foreach (var (district, count) in schoolsOf)
        {
            for (var s = 1; s <= count; s++)
            {
                items.Add($$"""{ "kind": "School", "code": "{{district}}-school-{{s}}", "name": "{{district}} School {{s:000}}", "parent": "{{district}}", "deviceRolloutDate": "{{Rollout()}}" }""");
            }
        }

        foreach (var chunk in items.Chunk(250))
        {
            using var scope = site.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyJsonAsync($$"""{ "name": "bench", "steps": [ { "name": "Organizations", "items": [ {{string.Join(",\n", chunk)}} ] } ] }""");
        }

        using var seed = site.Services.CreateScope();
        var services = seed.ServiceProvider;
        var db = services.GetRequiredService<PLBadgesDbContext>();
        var organizations = services.GetRequiredService<IOrganizationDirectory>();
        var state = (await organizations.FindByCodeAsync("demo-state"))!.Id;
        var everything = await organizations.ListAsync(await organizations.WithDescendantsAsync([state]));
        var schools = everything.Where(o => o.Kind == OrganizationKind.School).OrderBy(o => o.Code).ToList();
        var districts = everything.Where(o => o.Kind == OrganizationKind.District).ToList();
        var demoDistrict = districts.Single(d => d.Code == "demo-district").Id;
        var adminId = (await services.GetRequiredService<IPeopleDirectory>().FindByEmailAsync(DemoPeople.Admin))!.Id;

        var catalog = services.GetRequiredService<IMicroCredentialCatalog>();
        var versions = new List<MicroCredentialVersionInfo>();
        foreach (var credential in (await catalog.AvailableToAsync(demoDistrict)).Take(8))
        {
            versions.Add((await catalog.PublishedAsync(credential.Slug))!);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        var statusList = Guid.NewGuid();
        var statusIndex = 0;
        var pending = 0;
        var credentials = 0;
        var holders = 0;
        var coached = 0;
        var personNumber = 0;

        async Task FlushAsync(bool force = false)
        {
            if (force || pending >= 4000)
            {
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        Guid AddPerson(string kind, Guid school, Role role)
        {
            var id = Guid.NewGuid();
            var email = $"{kind}-{++personNumber}@bench.plbadges.test";
            db.Add(new Person
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"Bench {kind} {personNumber}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
            });

            // Identity's Membership is internal (and Identity has no InternalsVisibleTo for this project): made through reflection, stored by EF as usual.
            var membership = Activator.CreateInstance(MembershipType)!;
            MembershipType.GetProperty("Id")!.SetValue(membership, Guid.NewGuid());
            MembershipType.GetProperty("PersonId")!.SetValue(membership, id);
            MembershipType.GetProperty("OrganizationId")!.SetValue(membership, (Guid?)school);
            MembershipType.GetProperty("Role")!.SetValue(membership, role);
            MembershipType.GetProperty("CreatedAt")!.SetValue(membership, now);
            db.Add(membership);
            pending += 2;
            return id;
        }

        void Hold(Guid person, Guid district, double share)
        {
            var any = false;
            foreach (var version in versions.Where(_ => random.NextDouble() < share))
            {
                any = true;
                credentials++;
                db.Add(new IssuedCredential
                {
                    Id = Guid.NewGuid().ToString("N"), IssuerId = district, RecipientId = person, Kind = CredentialKind.MicroCredential, PathwayId = version.PathwayId,
                    MicroCredentialId = version.MicroCredentialId, VersionId = version.VersionId, Name = version.Content.Title, Hours = 10, ValidFrom = now.AddDays(-random.Next(1, 700)),
                    Json = "{}", Jwt = "bench", KeyId = "bench", StatusListId = statusList, StatusIndex = statusIndex++,
                });
                pending++;
            }

            holders += any ? 1 : 0;
        }

        // Teachers: 60,000 over the schools, 15 to 65 a school; 40% hold one to several micro-credentials, 20% are in a coaching cycle.
        var perSchool = schools.Select(_ => 15 + random.Next(51)).ToList();
        var scale = (double)Teachers / perSchool.Sum();
        perSchool = perSchool.Select(n => Math.Max(1, (int)(n * scale))).ToList();
        for (var i = 0; perSchool.Sum() < Teachers; i++)
        {
            perSchool[i % perSchool.Count]++;
        }

        var teachersOf = new Dictionary<Guid, List<Guid>>();
        var coachOf = new Dictionary<Guid, Guid>();
        for (var s = 0; s < schools.Count; s++)
        {
            var school = schools[s];
            var coach = AddPerson("coach", school.Id, Role.Coach);
            coachOf[school.Id] = coach;
            var list = teachersOf[school.Id] = [];
            for (var t = 0; t < perSchool[s]; t++)
            {
                var teacher = AddPerson("teacher", school.Id, Role.Teacher);
                list.Add(teacher);
                if (random.NextDouble() < 0.4)
                {
                    Hold(teacher, school.DistrictId!.Value, 0.3);
                }

                if (random.NextDouble() < 0.2)
                {
                    coached++;
                    var cycle = new CoachingCycle { Id = Guid.NewGuid(), DistrictId = school.DistrictId!.Value, SchoolId = school.Id, CoachId = coach, Goal = "Bench goal", State = CycleState.Active, CreatedAt = now, UpdatedAt = now };
                    db.Add(cycle);
                    db.Add(new CycleTeacher { CycleId = cycle.Id, TeacherId = teacher });
                    pending += 2;
                }

                await FlushAsync();
            }
        }

        await FlushAsync(force: true);

        // Academies: each district's schools in cohorts of up to 30, about one school in five left out
        // (not started); cohorts began from ten months ago to two months ahead, a session a month.
        var cohorts = 0;
        var inCohorts = 0;
        var members = 0;
        var sessions = 0;
        var attendance = 0;
        var roles = Enum.GetValues<TeamRole>();
        foreach (var district in districts)
        {
            var mine = schools.Where(s => s.DistrictId == district.Id && s.Code.StartsWith(district.Code + "-school-", StringComparison.Ordinal)).Where(_ => random.NextDouble() < 0.8).ToList();
            foreach (var group in mine.Chunk(SchoolsPerCohort))
            {
                var begins = now.Date.AddDays(random.Next(-300, 60)).AddHours(21);
                var cohort = new Cohort { DistrictId = district.Id, Name = $"{district.Name} Academy {++cohorts}", ProgrammeYear = "2026–27", CreatedAt = begins.AddDays(-30) };
                db.Add(cohort);
                foreach (var version in versions.OrderBy(_ => random.Next()).Take(2 + random.Next(2)))
                {
                    db.Add(new CohortRequirement { CohortId = cohort.Id, MicroCredentialId = version.MicroCredentialId, Title = version.Content.Title });
                }

                var teams = new List<Guid>();
                foreach (var school in group)
                {
                    inCohorts++;
                    db.Add(new CohortSchool { CohortId = cohort.Id, SchoolId = school.Id });
                    var skip = random.NextDouble() < 0.1 ? roles[random.Next(roles.Length)] : (TeamRole?)null;
                    foreach (var role in roles.Where(r => r != skip))
                    {
                        var person = role switch
                        {
                            TeamRole.Principal or TeamRole.AssistantPrincipal => AddPerson("leader", school.Id, Role.SchoolLeader),
                            TeamRole.InstructionalCoach => coachOf[school.Id],
                            _ => teachersOf[school.Id][0],
                        };
                        if (role != TeamRole.TeacherLeader)
                        {
                            Hold(person, district.Id, 0.5);
                        }

                        db.Add(new TeamMember { CohortId = cohort.Id, SchoolId = school.Id, PersonId = person, Role = role });
                        teams.Add(person);
                        members++;
                        pending++;
                    }
                }

                for (var k = 0; k < SessionsPerCohort; k++)
                {
                    var session = new CohortSession { CohortId = cohort.Id, Title = $"Session {k + 1}", StartUtc = begins.AddMonths(k), EndUtc = begins.AddMonths(k).AddHours(2), Place = "District office" };
                    db.Add(session);
                    sessions++;
                    if (session.EndUtc < now)
                    {
                        foreach (var person in teams)
                        {
                            db.Add(new SessionAttendance { SessionId = session.Id, PersonId = person, Present = random.NextDouble() < 0.85, RecordedBy = adminId, RecordedAt = session.EndUtc });
                            attendance++;
                            pending++;
                        }
                    }
                }

                await FlushAsync();
            }
        }

        await FlushAsync(force: true);
        var largest = schools.Count(s => s.DistrictId == demoDistrict);
        return new Sizes(districts.Count, schools.Count, largest, perSchool.Sum(), holders, credentials, coached, cohorts, inCohorts, members, sessions, attendance);
    }
}
