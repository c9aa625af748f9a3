using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Events;
using PLBadges.Coaching.Cycles;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Notifications.Mail;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Licensure;
using PLBadges.Abstractions.Rules;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Two site processes (<c>dotnet PLBadges.Web.dll</c> twice, each with its own data folder, as two
/// machines would have) on one fresh PostgreSQL database and one S3 store (s3rver), with one public
/// address and a real SMTP server. Leases and schedules are shortened by settings so that a node that
/// dies is covered within seconds. A third, in-process host on the same database serves the tests as
/// an operator's console (adding people, reading tables); it runs no jobs and serves no requests.
/// </summary>
public sealed class TwoNodeSite : IAsyncLifetime
{
    public const string Origin = "http://plbadges.two-nodes.test";
    private readonly List<string> folders = [];

    public TestDatabase Database { get; private set; } = null!;

    public S3Server S3 { get; private set; } = null!;

    public SmtpServer Mail { get; private set; } = null!;

    public SiteProcess A { get; private set; } = null!;

    public SiteProcess B { get; private set; } = null!;

    public TestSite Console { get; private set; } = null!;

    private Dictionary<string, string?> Shared()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = Database.ConnectionString,
            ["Site:PublicBaseUrl"] = Origin,
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = Mail.Port.ToString(),
            ["Mail:Security"] = "None",
            ["RateLimits:SignInPerMinute"] = "100000",
            ["Jobs:Leases:outbox"] = "00:00:10",
            ["Jobs:Leases:mail"] = "00:00:10",
            ["Jobs:Leases:recognition-webhooks"] = "00:00:10",
            ["Jobs:Schedules:credential-tallies"] = "* * * * *",
            ["Outbound:AllowPrivateHosts:0"] = "127.0.0.1", // the webhook receiver
        };
        foreach (var (key, value) in S3.Settings())
        {
            settings[key] = value;
        }

        return settings;
    }

    private SiteProcess StartNode(string name)
    {
        var folder = Directory.CreateTempSubdirectory($"plbadges-node-{name}-").FullName;
        folders.Add(folder);
        var settings = Shared();
        settings["Database:DataFolder"] = folder;
        return SiteProcess.Start(settings, name);
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("Postgres");
        S3 = await S3Server.StartAsync();
        Mail = await SmtpServer.StartAsync();
        A = StartNode("A");
        B = StartNode("B");
        await Task.WhenAll(A.WaitUntilHealthyAsync(), B.WaitUntilHealthyAsync());
        var console = Shared();
        console["Jobs:RunServer"] = "false";
        Console = new TestSite(Database, console);
        _ = Console.Server;
    }

    /// <summary>Starts a new process in place of a node that was killed.</summary>
    public async Task<SiteProcess> RestartAsync(SiteProcess node)
    {
        var name = node.Name;
        await node.DisposeAsync();
        var started = StartNode(name);
        if (name == "A")
        {
            A = started;
        }
        else
        {
            B = started;
        }

        await started.WaitUntilHealthyAsync();
        return started;
    }

    public SiteProcess Other(SiteProcess node) => node == A ? B : A;

    /// <summary>A browser on a node; browsers sharing a cookie jar are one person's browser behind a load balancer.</summary>
    public static HttpClient Browser(SiteProcess node, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(100) };

    public async Task<HttpClient> SignedInAsync(SiteProcess node, string email, CookieContainer? cookies = null)
    {
        var browser = Browser(node, cookies ?? new CookieContainer());
        var response = await browser.SignInAsync(email);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{email} could not sign in on {node.Name}: {(int)response.StatusCode}");
        return browser;
    }

    public async Task<string> NewPersonAsync(string role = "Teacher", string organization = "lincoln-elementary")
    {
        var email = $"n{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Console.AddPersonAsync(email, role, organization);
        return email;
    }

    public Task<T> InDatabaseAsync<T>(Func<PLBadgesDbContext, Task<T>> work) =>
        Console.InScopeAsync(services => work(services.GetRequiredService<PLBadgesDbContext>()));

    /// <summary>Polls the database until the condition holds (the nodes' jobs work at their own pace).</summary>
    public async Task<T> EventuallyAsync<T>(Func<PLBadgesDbContext, Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        T value;
        do
        {
            value = await InDatabaseAsync(read);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Not within {within}: {what} (last seen: {value}).\nA: {string.Join('\n', A.Output.TakeLast(15))}\nB: {string.Join('\n', B.Output.TakeLast(15))}");
    }

    public async Task DisposeAsync()
    {
        // Whatever started (a start that failed leaves the rest unset).
        foreach (var part in new IAsyncDisposable?[] { A, B, Console, Mail, S3, Database })
        {
            if (part != null)
            {
                await part.DisposeAsync();
            }
        }

        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

[Collection(nameof(AloneCollection))] // heavy: two site processes, and it kills them; nothing else should compete with it
public sealed class TwoNodeProcessTests(TwoNodeSite nodes) : IClassFixture<TwoNodeSite>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_cookie_from_A_works_on_B_and_an_upload_through_A_downloads_intact_through_B()
    {
        var email = await nodes.NewPersonAsync();
        var cookies = new CookieContainer(); // one browser; cookies for 127.0.0.1 go to either node, as behind a load balancer
        var onA = await nodes.SignedInAsync(nodes.A, email, cookies);
        var onB = TwoNodeSite.Browser(nodes.B, cookies);
        var me = await onB.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains($"Test {email}", await me.TextAsync());

        var submission = await onA.StartAsync();
        var bytes = EvidenceDriver.Pdf.Concat(RandomNumberGenerator.GetBytes(300_000)).ToArray();
        var uploaded = await onA.UploadAsync(submission, "plan.pdf", bytes);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var download = await onB.GetAsync($"/evidence/files/{artifact}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        var ranged = new HttpRequestMessage(HttpMethod.Get, $"/evidence/files/{artifact}");
        ranged.Headers.Range = new RangeHeaderValue(100_000, 100_099);
        var part = await onB.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes[100_000..100_100], await part.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_pass_is_dispatched_once_and_a_revocation_on_A_is_seen_by_verification_on_B_within_a_minute()
    {
        var email = await nodes.NewPersonAsync();
        var teacher = await nodes.SignedInAsync(nodes.A, email);
        var submission = await teacher.StartAsync();
        await teacher.FillAsync(submission);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(submission)).StatusCode);
        var coach = await nodes.SignedInAsync(nodes.B, DemoPeople.Coach);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.ScoreAsync(await coach.ClaimAsync(submission), allMet: true)).StatusCode);

        var credential = await nodes.EventuallyAsync(db => db.Set<IssuedCredential>().Where(c => c.SubmissionId == submission).Select(c => c.Id).FirstOrDefaultAsync(),
            id => id != null, Patience, $"the credential of {submission}");
        // Dispatched once: one outbox message for the pass, handed out once, and one credential.
        await Task.Delay(TimeSpan.FromSeconds(5)); // a second dispatch, were there one, would have landed by now
        var messages = await nodes.InDatabaseAsync(db => db.Set<PLBadges.Data.Outbox.OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains(nameof(MicroCredentialPassed)) && m.Payload.Contains(submission.ToString())).ToListAsync());
        var message = Assert.Single(messages);
        Assert.NotNull(message.DispatchedAt);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(1, await nodes.InDatabaseAsync(db => db.Set<IssuedCredential>().CountAsync(c => c.SubmissionId == submission)));

        var anonymousB = nodes.B.Client();
        var jwt = await anonymousB.GetStringAsync($"/credentials/{credential}.jwt");
        async Task<bool> ValidOnBAsync()
        {
            var content = new StringContent(jwt, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/jwt");
            var answer = await anonymousB.PostAsync("/api/v1/verify", content);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("valid").GetBoolean();
        }

        Assert.True(await ValidOnBAsync());
        var district = (await nodes.Console.InScopeAsync(s => s.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("demo-district")))!;
        var admin = await nodes.SignedInAsync(nodes.A, DemoPeople.Admin);
        await admin.SubmitAsync($"/district/credentials?district={district.Id}",
            new Dictionary<string, string> { ["district"] = district.Id.ToString(), ["credential"] = credential!, ["reason"] = "Awarded in error" }, handler: "revoke");
        var revokedAt = Stopwatch.StartNew();
        while (await ValidOnBAsync())
        {
            Assert.True(revokedAt.Elapsed < TimeSpan.FromMinutes(1), "B still verifies the credential as valid a minute after A revoked it");
            await Task.Delay(1000);
        }
    }

    [Fact]
    public async Task Recurring_work_is_done_once_per_due_time_across_both_nodes()
    {
        // Reminder sweep: a meeting's reminders, made due now, are each mailed once, whichever node's sweep finds them.
        var coachEmail = await nodes.NewPersonAsync("Coach");
        var teacherEmail = await nodes.NewPersonAsync();
        var meeting = await ScheduleMeetingsAsync(coachEmail, [teacherEmail]);
        var reminders = await MakeRemindersDueAsync(meeting);
        Assert.True(reminders >= 2, $"{reminders} reminders");
        await nodes.EventuallyAsync(db => db.Set<Reminder>().CountAsync(r => meeting.Contains(r.MeetingId) && r.SentAt == null), n => n == 0, Patience, "the reminders to be taken");
        await nodes.EventuallyAsync(_ => Task.FromResult(RemindersTo([coachEmail, teacherEmail]).Count), n => n >= reminders, Patience, "the reminder mail");

        // Tallies (every minute on both nodes, under the lock): watched for two minutes, every recomputation is whole and one.
        var seen = new HashSet<DateTime>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            var rows = await nodes.InDatabaseAsync(db => db.Set<CredentialTally>().AsNoTracking().Select(t => new { t.IssuerId, t.PathwayId, t.Month, t.ComputedAt }).ToListAsync());
            if (rows.Count > 0)
            {
                Assert.Single(rows.Select(r => r.ComputedAt).Distinct()); // one run's rows, never two runs' mixed
                Assert.Equal(rows.Count, rows.Select(r => (r.IssuerId, r.PathwayId, r.Month)).Distinct().Count());
                seen.Add(rows[0].ComputedAt);
            }

            await Task.Delay(2000);
        }

        Assert.InRange(seen.Count, 1, 3); // once per due time: a minute's schedule, over two minutes

        // And no reminder went out twice, with all the time in the world to do so.
        var mail = RemindersTo([coachEmail, teacherEmail]);
        Assert.Equal(reminders, mail.Count);
        Assert.Equal(reminders, mail.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Webhooks_queued_for_a_state_are_each_delivered_once_though_both_nodes_send()
    {
        using var receiver = new WebhookReceiver();
        var keys = new List<string>();
        await nodes.Console.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var state = (await services.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("demo-state"))!;
            var feed = services.GetRequiredService<RecognitionFeed>();
            var subscription = new WebhookSubscription
            {
                StateId = state.Id, Url = receiver.Url, ProtectedSecret = feed.SecretProtector.Protect("whsec_two-nodes"), CreatedAt = DateTime.UtcNow,
            };
            db.Add(subscription);
            for (var i = 0; i < 12; i++)
            {
                // As approvals queue them: both nodes' senders run every minute and find them due together.
                var key = $"two-nodes-{Guid.NewGuid():N}";
                keys.Add(key);
                db.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id, StateId = state.Id, Event = "recognition.approved", IdempotencyKey = key,
                    Body = JsonSerializer.Serialize(new { type = "recognition.approved", idempotencyKey = key }), CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        });

        await nodes.EventuallyAsync(db => db.Set<WebhookDelivery>().CountAsync(d => keys.Contains(d.IdempotencyKey) && d.DeliveredAt != null),
            n => n == keys.Count, Patience, "the webhooks to be delivered");
        await Task.Delay(TimeSpan.FromSeconds(70)); // both nodes' next runs come and go
        var received = receiver.Requests.ToList();
        foreach (var key in keys)
        {
            Assert.Equal(1, received.Count(r => r.IdempotencyKey == key));
        }

        Assert.True(WebhookSignature.Verify("whsec_two-nodes", received[0].Signature, received[0].Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Killing_the_node_issuing_a_batch_of_credentials_loses_none_and_issues_none_twice()
    {
        const int count = 60;
        var emails = Enumerable.Range(0, count).Select(i => $"b{i}-{Guid.NewGuid():N}"[..14] + "@demo.plbadges.test").ToList();
        await nodes.Console.ApplyRecipeAsync(JsonSerializer.Serialize(new
        {
            name = "batch-teachers",
            steps = new[] { new { name = "People", people = emails.Select(e => new { email = e, name = $"Batch {e}", password = Forms.DemoPassword, roles = new[] { new { role = "Teacher", organization = "lincoln-elementary" } } }) } },
        }));
        var submissions = new List<Guid>();
        await nodes.Console.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var version = (await services.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync(EvidenceDriver.Slug))!;
            var district = (await services.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("demo-district"))!;
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>();
            var outbox = services.GetRequiredService<IEventOutbox>();
            await db.InTransactionAsync(async _ =>
            {
                foreach (var email in emails)
                {
                    var submission = Guid.NewGuid();
                    submissions.Add(submission);
                    outbox.Add(new MicroCredentialPassed(submission, (await users.FindByEmailAsync(email))!.Id, district.Id, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow));
                }
            }, CancellationToken.None);
        });

        // Whichever node leases the batch is killed while it works on it.
        var leased = $"Leased {count} {nameof(MicroCredentialPassed)} events";
        var worker = await FirstToSayAsync(line => line.Contains(leased, StringComparison.Ordinal));
        worker.Kill();
        var issuedAtKill = await nodes.InDatabaseAsync(db => db.Set<IssuedCredential>().CountAsync(c => c.SubmissionId != null && submissions.Contains(c.SubmissionId.Value)));
        Assert.True(issuedAtKill < count, "The batch was done before the kill landed; the case proved nothing.");

        // The other node takes the batch once the lease runs out, and issues each credential once.
        var issued = await nodes.EventuallyAsync(db => db.Set<IssuedCredential>().CountAsync(c => c.SubmissionId != null && submissions.Contains(c.SubmissionId.Value)),
            n => n >= count, Patience, "the batch to be issued by the surviving node");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(count, await nodes.InDatabaseAsync(db => db.Set<IssuedCredential>().CountAsync(c => c.SubmissionId != null && submissions.Contains(c.SubmissionId.Value))));
        Assert.Equal(count, issued);
        Assert.Contains(nodes.Other(worker).Output, line => line.Contains(leased, StringComparison.Ordinal));
        await nodes.RestartAsync(worker);
    }

    [Fact]
    public async Task Killing_the_node_sending_a_batch_of_reminder_mail_loses_none_and_repeats_at_most_the_one_in_flight()
    {
        var coachEmail = await nodes.NewPersonAsync("Coach");
        var teachers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            teachers.Add(await nodes.NewPersonAsync());
        }

        var meetings = await ScheduleMeetingsAsync(coachEmail, teachers);
        var everyone = teachers.Append(coachEmail).ToList();
        // The invitations go first; the batch under test is the reminders alone.
        await nodes.EventuallyAsync(db => db.Set<EmailMessage>().CountAsync(m => everyone.Contains(m.To) && m.SentAt == null), n => n == 0, Patience, "the invitations to be sent");
        var before = (nodes.A.Output.Count, nodes.B.Output.Count);
        var reminders = await MakeRemindersDueAsync(meetings);

        // Whichever node has sent five of them is killed, mid-batch.
        var worker = await FirstToSayAsync(line => line.Contains("Sent", StringComparison.Ordinal) && line.Contains("email", StringComparison.Ordinal), times: 5, skip: before);
        worker.Kill();

        await nodes.EventuallyAsync(db => db.Set<EmailMessage>().CountAsync(m => everyone.Contains(m.To) && m.Subject.StartsWith("Reminder:") && m.SentAt == null),
            n => n == 0, Patience, "the surviving node to send the rest");
        var queued = await nodes.InDatabaseAsync(db => db.Set<EmailMessage>().Where(m => everyone.Contains(m.To) && m.Subject.StartsWith("Reminder:")).Select(m => m.Id).ToListAsync());
        Assert.Equal(reminders, queued.Count);
        await nodes.EventuallyAsync(_ => Task.FromResult(RemindersTo(everyone).Count), n => n >= reminders, Patience, "the reminder mail to arrive");

        var received = RemindersTo(everyone).GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in queued)
        {
            Assert.True(received.ContainsKey($"{id:N}@plbadges"), $"Reminder {id} was lost");
        }

        Assert.Equal(queued.Count, received.Count); // every copy carries its message's own Message-ID
        Assert.InRange(received.Values.Sum() - received.Count, 0, 1); // at most the one in flight, sent again
        await nodes.RestartAsync(worker);
    }

    private List<MimeKit.MimeMessage> RemindersTo(IReadOnlyCollection<string> people) =>
        nodes.Mail.Messages().Where(m => m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true
            && m.To.Mailboxes.Any(b => people.Contains(b.Address, StringComparer.OrdinalIgnoreCase))).ToList();

    /// <summary>The node whose output first holds <paramref name="times"/> lines that match (after the lines it had at <paramref name="skip"/>).</summary>
    private async Task<SiteProcess> FirstToSayAsync(Func<string, bool> match, int times = 1, (int A, int B) skip = default)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (nodes.A.Output.Skip(skip.A).Count(match) >= times)
            {
                return nodes.A;
            }

            if (nodes.B.Output.Skip(skip.B).Count(match) >= times)
            {
                return nodes.B;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("Neither node said it was working on the batch.");
    }

    /// <summary>One coaching cycle and meeting per teacher with the coach, on the next school day that takes them.</summary>
    private async Task<List<Guid>> ScheduleMeetingsAsync(string coachEmail, IReadOnlyList<string> teacherEmails)
    {
        var meetings = new List<Guid>();
        await nodes.Console.InScopeAsync(async services =>
        {
            var coaching = services.GetRequiredService<CoachingService>();
            var school = (await services.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("lincoln-elementary"))!;
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>();
            var coach = (await users.FindByEmailAsync(coachEmail))!.Id;
            var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone)).AddDays(2);
            for (var i = 0; i < teacherEmails.Count; i++)
            {
                var teacher = (await users.FindByEmailAsync(teacherEmails[i]))!.Id;
                var cycle = await coaching.StartCycleAsync(coach, school, [teacher], "Students plan their own work time.", "ef-visual-routines", "Executive functioning", CancellationToken.None);
                for (var tries = 0; ; tries++)
                {
                    Assert.True(tries < 20, "No school day in the next weeks took the meeting");
                    var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(20 * i), zone);
                    try
                    {
                        // Before school, so outside the teacher's usual time: agreed, as the coach's "schedule it anyway".
                        var placed = await coaching.ScheduleAsync(cycle, new MeetingRequest(MeetingKind.Planning, null, start, start.AddMinutes(15), null), coach, CancellationToken.None, outsideUsualTimeAgreed: true);
                        meetings.Add(placed.Meeting.Id);
                        break;
                    }
                    catch (RuleException)
                    {
                        day = day.AddDays(1); // not a school day, or taken
                    }
                }
            }
        });
        return meetings;
    }

    /// <summary>Makes every reminder of the meetings due now; returns how many there are.</summary>
    private Task<int> MakeRemindersDueAsync(IReadOnlyCollection<Guid> meetings) =>
        nodes.InDatabaseAsync(db => db.Set<Reminder>().Where(r => meetings.Contains(r.MeetingId) && r.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAt, DateTime.UtcNow.AddSeconds(-1))));
}
