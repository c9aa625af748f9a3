using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Reminders;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Testing;
using PLBadges.Web.Recipes;

namespace PLBadges.Benchmarks;

/// <summary>
/// Coaching at district scale: 200 schools with bell schedules, 500 coaches, 10,000 teachers with
/// planning periods, one cycle each and 200,000 meetings (20 per cycle, past and ahead). Times
/// "suggest times" for random cycles (median and 95th percentile, through the service the page
/// uses), the reminder sweep when nothing is due, and one sweep that finds 10,000 due at once.
/// </summary>
internal static class CoachingBench
{
    private const int Schools = 200;
    private const int Coaches = 500;
    private const int Teachers = 10_000;
    private const int MeetingsPerCycle = 20;

    public static async Task<int> RunAsync(string provider)
    {
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        var seeding = Stopwatch.StartNew();
        var cycles = await SeedAsync(site);
        Console.WriteLine($"Seeded {cycles.Count:N0} cycles and {cycles.Count * MeetingsPerCycle:N0} meetings in {seeding.Elapsed.TotalSeconds:0} s ({provider}).");

        var random = new Random(7);
        var times = new List<double>();
        var found = 0;
        for (var i = 0; i < 220; i++)
        {
            using var scope = site.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            var coaching = scope.ServiceProvider.GetRequiredService<CoachingService>();
            var id = cycles[random.Next(cycles.Count)];
            var started = Stopwatch.GetTimestamp();
            var cycle = await db.Set<CoachingCycle>().AsNoTracking().FirstAsync(c => c.Id == id);
            var slots = await coaching.SuggestAsync(cycle, i % 4 == 0 ? MeetingKind.Visit : MeetingKind.Planning, TimeSpan.FromMinutes(30), CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 20)
            {
                times.Add(elapsed);
                found += slots.Count;
            }
        }

        times.Sort();
        Console.WriteLine($"| {provider}: measure | median ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| suggest times (one cycle, 28 days ahead; {found / 200.0:0.0} slots found on average) | {times[times.Count / 2]:0.00} | {times[(int)(times.Count * 0.95)]:0.00} |");

        var idle = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            using var scope = site.Services.CreateScope();
            var sweep = scope.ServiceProvider.GetRequiredService<ReminderSweep>();
            var started = Stopwatch.GetTimestamp();
            await sweep.RunAsync(CancellationToken.None);
            if (i >= 10)
            {
                idle.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        idle.Sort();
        Console.WriteLine($"| reminder sweep, nothing due | {idle[idle.Count / 2]:0.00} | {idle[(int)(idle.Count * 0.95)]:0.00} |");

        var due = await MakeDueAsync(site, 10_000);
        using (var scope = site.Services.CreateScope())
        {
            var sweep = scope.ServiceProvider.GetRequiredService<ReminderSweep>();
            var started = Stopwatch.GetTimestamp();
            await sweep.RunAsync(CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var queued = await scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>().Database
                .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"EmailMessages\" WHERE \"Template\" = 'coaching-reminder'").SingleAsync();
            Console.WriteLine($"| reminder sweep, {due:N0} due at once ({queued:N0} emails queued) | {elapsed.TotalMilliseconds:0} (total) | {elapsed.TotalMilliseconds / Math.Max(1, queued):0.00} per reminder |");
        }

        return 0;
    }

    /// <summary>Makes reminders of meetings ahead due now (as if the site had been down for a while).</summary>
    private static async Task<int> MakeDueAsync(TestSite site, int count)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = DateTime.UtcNow;
        var ids = await db.Set<Reminder>().Where(r => r.SentAt == null && r.DueAt > now).OrderBy(r => r.DueAt).Select(r => r.Id).Take(count).ToListAsync();
        foreach (var chunk in ids.Chunk(1000))
        {
            await db.Set<Reminder>().Where(r => chunk.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAt, now.AddMinutes(-1)));
        }

        return ids.Count;
    }

    private static async Task<List<Guid>> SeedAsync(TestSite site)
    {
        using (var scope = site.Services.CreateScope())
        {
            var schools = string.Join(",\n", Enumerable.Range(1, Schools - 2).Select(i =>
                $$"""{ "kind": "School", "code": "bench-school-{{i}}", "name": "Bench School {{i}}", "parent": "demo-district" }"""));
            await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyJsonAsync($$"""{ "name": "bench", "steps": [ { "name": "Organizations", "items": [ {{schools}} ] } ] }""");
        }

        using var seed = site.Services.CreateScope();
        var db = seed.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var organizations = seed.ServiceProvider.GetRequiredService<IOrganizationDirectory>();
        var district = (await organizations.FindByCodeAsync("demo-district"))!.Id;
        var schoolIds = (await organizations.WithDescendantsAsync([district])).Where(id => id != district).ToList();
        var zone = (await organizations.GetAsync(schoolIds[0]))!.Zone;
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var periods = new (string Name, TimeOnly Start, TimeOnly End)[]
        {
            ("Period 1", new(8, 0), new(8, 50)), ("Period 2", new(8, 55), new(9, 45)), ("Period 3", new(9, 50), new(10, 40)), ("Period 4", new(10, 45), new(11, 35)),
            ("Period 5", new(12, 20), new(13, 10)), ("Period 6", new(13, 15), new(14, 5)), ("Period 7", new(14, 10), new(15, 0)),
        };
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        foreach (var school in schoolIds)
        {
            await db.Set<BellPeriod>().Where(p => p.SchoolId == school).ExecuteDeleteAsync();
            foreach (var day in weekdays)
            {
                foreach (var (name, start, end) in periods)
                {
                    db.Add(new BellPeriod { Id = Guid.NewGuid(), SchoolId = school, Weekday = day, Name = name, Start = start, End = end });
                }
            }
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var random = new Random(42);
        var coaches = Enumerable.Range(0, Coaches).Select(_ => Guid.NewGuid()).ToList();
        void AddPerson(Guid id, string kind)
        {
            // People as the directory reads them (no password: they never sign in here), so reminders find their names and addresses.
            var email = $"{kind}-{id:N}@bench.plbadges.test";
            db.Add(new PLBadges.Identity.People.Person
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"Bench {kind} {id.ToString()[..8]}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow,
            });
        }

        foreach (var coach in coaches)
        {
            AddPerson(coach, "coach");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var now = DateTime.UtcNow;
        var cycles = new List<Guid>();
        for (var t = 0; t < Teachers; t++)
        {
            var teacher = Guid.NewGuid();
            AddPerson(teacher, "teacher");
            var coach = coaches[t % Coaches];
            var school = schoolIds[(t % Coaches) % schoolIds.Count]; // a coach's teachers share a school or two
            var planning = periods[2 + random.Next(4)];
            foreach (var day in weekdays)
            {
                db.Add(new FreeTime { Id = Guid.NewGuid(), PersonId = teacher, SchoolId = school, Weekday = day, Start = planning.Start, End = planning.End, Label = planning.Name, IsPlanningPeriod = true });
            }

            var cycle = new CoachingCycle { Id = Guid.NewGuid(), DistrictId = district, SchoolId = school, CoachId = coach, Goal = "Bench goal", State = CycleState.Active, CreatedAt = now, UpdatedAt = now };
            cycles.Add(cycle.Id);
            db.Add(cycle);
            db.Add(new CycleTeacher { CycleId = cycle.Id, TeacherId = teacher });
            for (var m = 0; m < MeetingsPerCycle; m++)
            {
                // Past and ahead: from 150 days back to 60 days on, on weekdays, in the planning period.
                var date = today.AddDays(random.Next(-150, 60));
                while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    date = date.AddDays(1);
                }

                var start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(planning.Start), zone);
                var meeting = new Meeting
                {
                    Id = Guid.NewGuid(), CycleId = cycle.Id, SchoolId = school, Kind = (MeetingKind)(m % 4), StartUtc = start, EndUtc = start.AddMinutes(30),
                    State = MeetingState.Scheduled, CreatedAt = now, UpdatedAt = now, Location = "",
                };
                db.Add(meeting);
                db.Add(new MeetingAttendee { MeetingId = meeting.Id, PersonId = coach, SchoolId = school, StartUtc = meeting.StartUtc, EndUtc = meeting.EndUtc, Active = true });
                db.Add(new MeetingAttendee { MeetingId = meeting.Id, PersonId = teacher, SchoolId = school, StartUtc = meeting.StartUtc, EndUtc = meeting.EndUtc, Active = true });
                if (start > now)
                {
                    foreach (var person in new[] { coach, teacher })
                    {
                        foreach (var minutes in new[] { 1440, 60 })
                        {
                            if (start.AddMinutes(-minutes) > now)
                            {
                                db.Add(new Reminder { Id = Guid.NewGuid(), MeetingId = meeting.Id, PersonId = person, MinutesBefore = minutes, DueAt = start.AddMinutes(-minutes) });
                            }
                        }
                    }
                }
            }

            if (t % 250 == 249)
            {
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        return cycles;
    }
}
