using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Contracts;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Licensure;

/// <summary>
/// The licensure feed: decisions written once each, in order, by one writer at a time; read by a
/// state's client in pages after an opaque cursor (keyset on the sequence, so a page costs the same
/// at any depth and inserts between pages are neither skipped nor repeated).
/// </summary>
public sealed class RecognitionFeed(PLBadgesDbContext db, IPeopleDirectory people, IOrganizationDirectory organizations, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxPage = 500;
    public const string ApprovedEvent = "recognition.approved";
    private static readonly LockKey WriterLock = new("recognition-feed-writer");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Records the decision (once: a second delivery of the event finds it) and queues its webhooks, in one transaction.</summary>
    public async Task RecordAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        if (await db.Set<RecognitionRecord>().AnyAsync(r => r.ApplicationId == applicationId, cancellationToken))
        {
            return;
        }

        var application = await db.Set<RecognitionApplication>().AsNoTracking().FirstAsync(a => a.Id == applicationId, cancellationToken);
        if (application.Status is not (ApplicationStatus.Approved or ApplicationStatus.Declined))
        {
            return;
        }

        var payload = JsonSerializer.Serialize(await ResponseAsync(application, cancellationToken), Json);

        // One writer at a time, until it commits: on PostgreSQL a transaction-scoped advisory lock (held
        // to the commit, whether the transaction is ours or the outbox handler's); on SQLite the database
        // takes one writer at a time, and a writer that read an older sequence fails on the key and is tried again.
        var own = db.Database.CurrentTransaction == null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.LockInTransactionAsync(WriterLock, cancellationToken);

            if (await db.Set<RecognitionRecord>().AnyAsync(r => r.ApplicationId == applicationId, cancellationToken))
            {
                return;
            }

            var next = (await db.Set<RecognitionRecord>().MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0) + 1;
            db.Add(new RecognitionRecord
            {
                Sequence = next, ApplicationId = applicationId, StateId = application.StateId, DistrictId = application.DistrictId, PersonId = application.PersonId,
                EducatorNumber = application.EducatorNumber, Approved = application.Status == ApplicationStatus.Approved, DecidedAt = application.DecidedAt ?? clock.GetUtcNow().UtcDateTime,
                PayloadJson = payload,
            });
            await CountAsync(application, cancellationToken);
            if (application.Status == ApplicationStatus.Approved)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.StateId == application.StateId && s.DisabledAt == null).ToListAsync(cancellationToken);
                foreach (var subscription in subscriptions)
                {
                    var key = $"{ApprovedEvent}:{applicationId:N}:{subscription.Id:N}";
                    var body = $"{{\"type\":\"{ApprovedEvent}\",\"idempotencyKey\":\"{key}\",\"createdAt\":{JsonSerializer.Serialize(now, Json)},\"data\":{payload}}}";
                    db.Add(new WebhookDelivery { SubscriptionId = subscription.Id, StateId = application.StateId, Event = ApprovedEvent, IdempotencyKey = key, Body = body, CreatedAt = now, NextAttemptAt = now });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (own != null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own != null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Adds the decision to its month's tallies (in the writer's transaction: one writer, so no two add at once).</summary>
    private async Task CountAsync(RecognitionApplication application, CancellationToken cancellationToken)
    {
        var decidedAt = application.DecidedAt ?? clock.GetUtcNow().UtcDateTime;
        var month = new DateOnly(decidedAt.Year, decidedAt.Month, 1);
        var unitName = application.Status == ApplicationStatus.Approved ? application.UnitName : "";
        var tally = await db.Set<DecisionTally>().FirstOrDefaultAsync(t => t.StateId == application.StateId && t.Month == month && t.UnitName == unitName, cancellationToken);
        if (tally == null)
        {
            tally = new DecisionTally { StateId = application.StateId, Month = month, UnitName = unitName };
            db.Add(tally);
        }

        var approved = application.Status == ApplicationStatus.Approved;
        tally.Approved += approved ? 1 : 0;
        tally.Declined += approved ? 0 : 1;
        tally.ByRule += application.ByRule ? 1 : 0;
        tally.Units += approved ? application.UnitsGranted : 0;
        if (!application.ByRule)
        {
            var days = (int)Math.Max(0, Math.Floor((decidedAt - application.SubmittedAt).TotalDays));
            var bucket = await db.Set<DecisionDays>().FirstOrDefaultAsync(d => d.StateId == application.StateId && d.Month == month && d.Days == days, cancellationToken);
            if (bucket == null)
            {
                db.Add(new DecisionDays { StateId = application.StateId, Month = month, Days = days, Count = 1 });
            }
            else
            {
                bucket.Count++;
            }
        }
    }

    /// <summary>Counts every recorded decision again from the applications (after an import, or for a benchmark's seeded data), under the writer's lock.</summary>
    public async Task RecountAsync(CancellationToken cancellationToken)
    {
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockInTransactionAsync(WriterLock, cancellationToken);

            var decided = await (from r in db.Set<RecognitionRecord>().AsNoTracking()
                                 join a in db.Set<RecognitionApplication>().AsNoTracking() on r.ApplicationId equals a.Id
                                 select new { a.StateId, a.Status, a.UnitName, a.ByRule, a.UnitsGranted, a.SubmittedAt, DecidedAt = a.DecidedAt ?? r.DecidedAt }).ToListAsync(cancellationToken);
            await db.Set<DecisionTally>().ExecuteDeleteAsync(cancellationToken);
            await db.Set<DecisionDays>().ExecuteDeleteAsync(cancellationToken);
            foreach (var group in decided.GroupBy(d => (d.StateId, Month: new DateOnly(d.DecidedAt.Year, d.DecidedAt.Month, 1), UnitName: d.Status == ApplicationStatus.Approved ? d.UnitName : "")))
            {
                db.Add(new DecisionTally
                {
                    StateId = group.Key.StateId, Month = group.Key.Month, UnitName = group.Key.UnitName,
                    Approved = group.Count(d => d.Status == ApplicationStatus.Approved), Declined = group.Count(d => d.Status != ApplicationStatus.Approved),
                    ByRule = group.Count(d => d.ByRule), Units = group.Where(d => d.Status == ApplicationStatus.Approved).Sum(d => d.UnitsGranted),
                });
            }

            foreach (var group in decided.Where(d => !d.ByRule).GroupBy(d => (d.StateId, Month: new DateOnly(d.DecidedAt.Year, d.DecidedAt.Month, 1), Days: (int)Math.Max(0, Math.Floor((d.DecidedAt - d.SubmittedAt).TotalDays)))))
            {
                db.Add(new DecisionDays { StateId = group.Key.StateId, Month = group.Key.Month, Days = group.Key.Days, Count = group.Count() });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<RecognitionResponse> ResponseAsync(RecognitionApplication application, CancellationToken cancellationToken)
    {
        var items = await db.Set<ApplicationItem>().AsNoTracking().Where(i => i.ApplicationId == application.Id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var version = await db.Set<ProgrammeVersion>().AsNoTracking().Where(v => v.Id == application.VersionId).Select(v => new { v.Number, v.RulesJson }).FirstAsync(cancellationToken);
        var step = application.Kind == ProgrammeKind.Advancement ? JsonSerializer.Deserialize<AdvancementRules>(version.RulesJson, ProgrammeService.RulesJson)!.StepName : null;
        var name = (await people.GetAsync([application.PersonId], cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
        var district = (await organizations.GetAsync(application.DistrictId, cancellationToken))?.Name ?? "";
        var approved = application.Status == ApplicationStatus.Approved;
        return new RecognitionResponse(application.Id, application.EducatorNumber, name, district, approved ? "approved" : "declined", application.ByRule,
            new ProgrammeReference(application.ProgrammeId, application.ProgrammeName, application.Kind == ProgrammeKind.Renewal ? "renewal" : "advancement", version.Number),
            approved ? application.UnitsGranted : 0, application.UnitName, approved ? step : null, application.CycleStart, application.DecidedAt ?? clock.GetUtcNow().UtcDateTime,
            items.Select(i => new RecognisedItem(i.Name, Kind(i.Kind), i.Source == ItemSource.Activity ? null : i.ItemKey, i.IssuerName ?? i.IssuerUrl, i.Hours, approved ? i.Units : 0, i.Endorsed, i.EarnedOn)).ToList());
    }

    private static string Kind(ItemKind kind) => kind switch
    {
        ItemKind.MicroCredential => "micro-credential",
        ItemKind.Pathway => "pathway",
        ItemKind.CoachingHours => "coaching-hours",
        _ => "academy-hours",
    };

    /// <summary>The cursor after a sequence: opaque to clients (they send back what they were given).</summary>
    public static string Cursor(long sequence) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"r1.{sequence}"));

    /// <summary>The sequence a cursor stands for; null when it is not one of ours.</summary>
    public static long? ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("r1.", StringComparison.Ordinal) && long.TryParse(text[3..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A page of the state's decisions after the sequence, as JSON written straight from the stored payloads.</summary>
    public async Task<(string Json, int Count)> PageAsync(Guid stateId, long after, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RecognitionRecord>().AsNoTracking()
            .Where(r => r.StateId == stateId && r.Sequence > after).OrderBy(r => r.Sequence).Take(limit + 1)
            .Select(r => new { r.Sequence, r.PayloadJson }).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = page.Count > 0 ? page[^1].Sequence : after;
        var json = new StringBuilder("{\"items\":[");
        json.AppendJoin(',', page.Select(r => r.PayloadJson));
        json.Append("],\"next\":\"").Append(Cursor(next)).Append("\",\"more\":").Append(rows.Count > limit ? "true" : "false").Append('}');
        return (json.ToString(), page.Count);
    }

    /// <summary>Every decision about one educator of the state, oldest first.</summary>
    public async Task<(string Json, int Count)> OfEducatorAsync(Guid stateId, string educatorNumber, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RecognitionRecord>().AsNoTracking()
            .Where(r => r.StateId == stateId && r.EducatorNumber == educatorNumber).OrderBy(r => r.Sequence).Select(r => r.PayloadJson).ToListAsync(cancellationToken);
        return ("[" + string.Join(',', rows) + "]", rows.Count);
    }

    internal IDataProtector SecretProtector => protection.CreateProtector("PLBadges.Recognition.Webhooks.v1");
}

/// <summary>Writes each decision into the feed (and queues its webhooks).</summary>
internal sealed class RecordDecision(RecognitionFeed feed) : IEventHandler<RecognitionDecided>
{
    public Task HandleAsync(RecognitionDecided decided, CancellationToken cancellationToken) => feed.RecordAsync(decided.ApplicationId, cancellationToken);
}
