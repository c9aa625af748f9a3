using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Recognition.StateCredit;

/// <summary>A signed-off item as an export reads it, with the educator's identifier for the state as it stands now.</summary>
internal sealed record ExportRow(long Id, Guid PersonId, string EducatorName, string DedupeKey, string Title, string Summary, DateOnly CompletedOn, decimal Hours, decimal Units,
    string UnitName, string? Category, string Code, string? EducatorId, bool SentBefore);

/// <summary>
/// Files for the states, made for a period from signed-off hours: the profile's own file (CSV in the CSV writer's exact
/// mode), Ed-Fi Data Standard 6.1 bodies, or CSV named by CEDS element. Each row is checked as the state would (the
/// educator's identifier present and in the state's form, completed within the period, not sent before); a row that
/// fails is left out with its reason in a second file, and stays for a later export. Rows are read in key order a
/// batch at a time and written through a pipe into the file store, so memory does not grow with the rows; what was
/// sent is recorded in the same transaction (a narrow table of its own, a multi-row INSERT per batch), and each export
/// (who, when, what) is kept seven years.
/// </summary>
public sealed class StateExports(
    PLBadgesDbContext db,
    IAccessControl access,
    IPeopleDirectory people,
    IOrganizationDirectory organizations,
    IFileStore files,
    DistrictSetup setup,
    ProfileCatalog profiles,
    SiteOrigin origin,
    TimeProvider clock)
{
    public const string Area = "state-exports";

    public const int KeepYears = 7;

    /// <summary>Rows read, checked and marked at a time.</summary>
    private const int Batch = 5000;

    private const long MaxFileBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>The CEDS elements the CEDS file is named by (ceds.ed.gov element names, TermIds in the README).</summary>
    internal static readonly IReadOnlyList<string> CedsColumns =
    [
        "Staff Member Identifier", "Professional Development Activity Identifier", "Professional Development Activity Title",
        "Staff Professional Development Activity Completion Date", "Number of Credits Earned",
    ];

    private static readonly IReadOnlyList<string> RefusalColumns = ["Educator", "Activity", "Completed", "Record", "Reason"];

    /// <summary>Makes an export for the provider (checking who asks, the period and the profile), and returns it.</summary>
    internal async Task<StateExport> ExportAsync(Guid organizationId, Guid profileId, ExportKind kind, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await setup.MaySetUpAsync(organizationId, cancellationToken);
        var fromProblem = from == null ? "Give the period's first day." : FieldRanges.Check(DateField.LicenseDate, from, "The period's first day");
        if (fromProblem != null)
        {
            throw new RuleException(fromProblem, "From");
        }

        var toProblem = to == null ? "Give the period's last day." : FieldRanges.Check(DateField.LicenseDate, to, "The period's last day");
        if (toProblem != null)
        {
            throw new RuleException(toProblem, "To");
        }

        var (first, last) = (from!.Value, to!.Value);
        if (last < first || last.DayNumber - first.DayNumber > 731)
        {
            throw new RuleException("The period's last day is on or after its first, and a period is at most two years.", "To");
        }

        if (last > profiles.Today)
        {
            throw new RuleException("A period ends today at the latest: learning still to come cannot be sent.", "To");
        }

        var provider = (await setup.ProvidersAsync(organizationId, cancellationToken)).FirstOrDefault(p => p.Profile.Profile.Id == profileId)
            ?? throw new RuleException("Set the district up for that state first.", "ProfileId");
        if (kind == ExportKind.StateFile && (provider.Profile.InEffect(profiles.Today)?.Definition.RecordFile) == null)
        {
            throw new RuleException($"{provider.Profile.Profile.Name} takes no file: its certificates are what the state takes.", "Kind");
        }

        var me = access.PersonId ?? throw new RuleException("Sign in to export.");
        var name = (await people.GetAsync([me], cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
        return await WriteAsync(organizationId, provider, kind, first, last, me, name, cancellationToken);
    }

    /// <summary>The export itself, for a caller that has checked who asks and the period (the benchmark calls it directly).</summary>
    internal async Task<StateExport> WriteAsync(Guid organizationId, ProviderSetup provider, ExportKind kind, DateOnly from, DateOnly to, Guid by, string byName, CancellationToken cancellationToken)
    {
        var (version, definition, _) = provider.Profile.InEffect(profiles.Today) ?? throw new RuleException($"{provider.Profile.Profile.Name} is not in effect yet.");
        var districts = (await organizations.WithDescendantsAsync([organizationId], cancellationToken)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var export = new StateExport
        {
            OrganizationId = organizationId, ProfileId = provider.Profile.Profile.Id, ProfileVersionId = version.Id, ProfileVersion = version.Number, Kind = kind, From = from, To = to,
            CreatedBy = by, CreatedByName = byName, CreatedAt = now, KeepUntil = now.AddYears(KeepYears), FileKey = "", FileName = FileName(definition, provider.Identity, kind, from, to),
        };
        var kept = new List<string>();
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                // One export at a time per provider: what one marks as sent, the next must see.
                await db.LockInTransactionAsync(new LockKey("state-credit:export", organizationId), ct);
                var main = new Pipe();
                var refusals = new Pipe();
                var receiving = files.ReceiveAsync(main.Reader.AsStream(), MaxFileBytes, ct);
                var receivingRefusals = files.ReceiveAsync(refusals.Reader.AsStream(), MaxFileBytes, ct);
                try
                {
                    await using (var output = main.Writer.AsStream())
                    await using (var refused = new StreamWriter(refusals.Writer.AsStream(), new UTF8Encoding(false), 1 << 16))
                    {
                        (export.Rows, export.Refused) = await ProduceAsync(export, provider, definition, districts, output, refused, ct);
                    }
                }
                catch (Exception problem)
                {
                    await main.Writer.CompleteAsync(problem);
                    await refusals.Writer.CompleteAsync(problem);
                    await Task.WhenAll(Quietly(receiving), Quietly(receivingRefusals));
                    throw;
                }

                await using var file = await receiving;
                await using var refusedFile = await receivingRefusals;
                export.FileKey = (await files.KeepAsync(file, Area, ct)).Key;
                kept.Add(export.FileKey);
                if (export.Refused > 0)
                {
                    export.RefusalsKey = (await files.KeepAsync(refusedFile, Area, ct)).Key;
                    kept.Add(export.RefusalsKey);
                }

                db.Add(export);
                return export;
            }, cancellationToken);
        }
        catch
        {
            foreach (var key in kept)
            {
                await files.DeleteAsync(key, CancellationToken.None); // the export did not commit: its bytes go too
            }

            throw;
        }
    }

    /// <summary>The provider's exports, newest first.</summary>
    internal async Task<IReadOnlyList<StateExport>> OfAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await db.Set<StateExport>().AsNoTracking().Where(e => e.OrganizationId == organizationId).OrderByDescending(e => e.CreatedAt).Take(200).ToListAsync(cancellationToken);

    /// <summary>An export the signed-in person may download (one of their provider's), or null.</summary>
    internal async Task<StateExport?> FindAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var export = await db.Set<StateExport>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        return export != null && await access.HasAsync(RecognitionPermissions.StateCredit, export.OrganizationId, cancellationToken) ? export : null;
    }

    private async Task<(int Rows, int Refused)> ProduceAsync(StateExport export, ProviderSetup provider, ProfileDefinition definition, IReadOnlyList<Guid> districts,
        Stream output, StreamWriter refused, CancellationToken cancellationToken)
    {
        var identity = provider.Identity;
        var profileId = provider.Profile.Profile.Id;
        var jurisdiction = definition.Jurisdiction;
        var (from, to) = (export.From, export.To);
        var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        await using var json = export.Kind == ExportKind.EdFi ? new Utf8JsonWriter(output) : null;
        var header = export.Kind switch
        {
            ExportKind.StateFile => definition.RecordFile!.Columns.Select(c => c.Header).ToList(),
            ExportKind.Ceds => CedsColumns,
            _ => [],
        };
        var edFiNamespace = $"{origin.Value}/providers/{identity.OrganizationId:N}";
        var events = new Dictionary<string, int>(StringComparer.Ordinal);
        if (json == null)
        {
            await text.WriteAsync(Csv.HeaderLine(header, CsvMode.Exact));
        }
        else
        {
            json.WriteStartObject();
            json.WriteString("dataStandard", "Ed-Fi Data Standard 6.1");
            json.WriteString("totalHoursRule", "TotalHours is the whole clock hours completed, rounded down; an activity of under one hour is not reported.");
            json.WriteStartArray("professionalDevelopmentEventAttendances");
        }

        await refused.WriteAsync(Csv.HeaderLine(RefusalColumns));
        var (rows, refusedRows) = (0, 0);
        var last = 0L;
        var now = clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            var after = last;
            // "Sent before" looks for another item of the same learning (o.Id != i.Id) that was sent: correlated on more than the
            // key, so PostgreSQL probes the key's index per row rather than hashing every sent item for each batch.
            var batch = await (from i in db.Set<SignOffItem>().AsNoTracking()
                               where i.ProfileId == profileId && i.Active && i.Id > after && i.CompletedOn <= to && districts.Contains(i.DistrictId)
                               orderby i.Id
                               select new ExportRow(i.Id, i.PersonId, i.EducatorName, i.DedupeKey, i.Title, i.Summary, i.CompletedOn, i.Hours, i.Units, i.UnitName, i.Category, i.Code,
                                   db.Set<StateEducatorId>().Where(e => e.PersonId == i.PersonId && e.Jurisdiction == jurisdiction).Select(e => e.Value).FirstOrDefault(),
                                   db.Set<SignOffItem>().Any(o => o.DedupeKey == i.DedupeKey && o.Id != i.Id && db.Set<SentItem>().Any(s => s.ItemId == o.Id))))
                .Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            last = batch[^1].Id;
            // What is already sent in the batch's span of keys, read by a range of the sent table's key: it is left out, not refused.
            var (low, high) = (batch[0].Id, last);
            var sent = (await db.Set<SentItem>().AsNoTracking().Where(s => s.ItemId >= low && s.ItemId <= high).Select(s => s.ItemId).ToListAsync(cancellationToken)).ToHashSet();
            // What earlier exports and batches sent, the query says (row.SentBefore); what an earlier row of this batch sent, this set.
            var sentBefore = new HashSet<string>(StringComparer.Ordinal);
            var accepted = new List<long>();
            foreach (var row in batch.Where(r => !sent.Contains(r.Id)))
            {
                var reason = Refusal(row, definition, from, to, row.SentBefore || sentBefore.Contains(row.DedupeKey));
                if (reason == null)
                {
                    try
                    {
                        switch (export.Kind)
                        {
                            case ExportKind.StateFile:
                                await text.WriteAsync(Csv.RowLine(header, definition.RecordFile!.Columns.Select(c => (object?)ProfileDefinition.Format(Field(row, identity, c.Field), c.Format)).ToList(), rows + 1, CsvMode.Exact));
                                break;
                            case ExportKind.Ceds:
                                await text.WriteAsync(Csv.RowLine(header, [row.EducatorId, row.Code, row.Title, row.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Units], rows + 1, CsvMode.Exact));
                                break;
                            default:
                                reason = EdFiAttendance(json!, row, edFiNamespace, events);
                                break;
                        }
                    }
                    catch (CsvFormulaException problem)
                    {
                        reason = problem.Message;
                    }
                }

                if (reason != null)
                {
                    refusedRows++;
                    await refused.WriteAsync(Csv.RowLine(RefusalColumns, [row.EducatorName, row.Title, row.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Code, reason], refusedRows));
                    continue;
                }

                rows++;
                accepted.Add(row.Id);
                sentBefore.Add(row.DedupeKey); // the same learning twice in one batch goes once
            }

            await MarkSentAsync(export.Id, accepted, cancellationToken);

            if (json != null)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        // An identifier sent to the state stays as it was sent: the educator's page shows it frozen from now on.
        var exportId = export.Id;
        await db.Set<StateEducatorId>()
            .Where(e => e.Jurisdiction == jurisdiction && e.FrozenAt == null
                && db.Set<SignOffItem>().Any(i => i.PersonId == e.PersonId && db.Set<SentItem>().Any(s => s.ItemId == i.Id && s.ExportId == exportId)))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FrozenAt, now), cancellationToken);
        if (json != null)
        {
            json.WriteEndArray();
            json.WriteStartArray("professionalDevelopmentEvents");
            foreach (var (title, hours) in events)
            {
                json.WriteStartObject();
                json.WriteString("namespace", edFiNamespace);
                json.WriteString("professionalDevelopmentTitle", title);
                json.WriteString("professionalDevelopmentOfferedByDescriptor", "uri://ed-fi.org/ProfessionalDevelopmentOfferedByDescriptor#Local Education Agency");
                json.WriteNumber("totalHours", hours);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        await text.FlushAsync(cancellationToken);
        await refused.FlushAsync(cancellationToken);
        return (rows, refusedRows);
    }

    /// <summary>
    /// Records the batch's items as sent by the export: one multi-row INSERT into the narrow sent table, in the export's
    /// transaction (an export that fails marks nothing). The item ids are our own numbers, written as literals (SQLite binds
    /// thousands of named values one search at a time); the export's id is written once, by the model's own type mapping,
    /// so each provider stores it as the site's own saves do. An item already sent breaks the key, and the export with it.
    /// </summary>
    private async Task MarkSentAsync(Guid exportId, IReadOnlyList<long> itemIds, CancellationToken cancellationToken)
    {
        if (itemIds.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(SentItem))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var item = entity.FindProperty(nameof(SentItem.ItemId))!;
        var by = entity.FindProperty(nameof(SentItem.ExportId))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder(64 + (itemIds.Count * 12))
            .Append("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").Append(sql.DelimitIdentifier(item.GetColumnName(table)!)).Append(", ").Append(sql.DelimitIdentifier(by.GetColumnName(table)!)).Append(") SELECT column1, ")
            .Append(by.GetRelationalTypeMapping().GenerateSqlLiteral(exportId)).Append(" FROM (VALUES ");
        for (var i = 0; i < itemIds.Count; i++)
        {
            text.Append(i == 0 ? "(" : ", (").Append(itemIds[i].ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        text.Append(") AS sent");
        await db.Database.ExecuteSqlRawAsync(text.ToString(), cancellationToken);
    }

    /// <summary>Why the state would refuse the row, or null: the identifier, the period, a repeat.</summary>
    private static string? Refusal(ExportRow row, ProfileDefinition definition, DateOnly from, DateOnly to, bool sentBefore)
    {
        var id = definition.EducatorId;
        if (string.IsNullOrEmpty(row.EducatorId))
        {
            return $"No {id.Name}: the educator gives it on their state credit page.";
        }

        if (!definition.IdMatches(row.EducatorId))
        {
            return $"The {id.Name} \"{row.EducatorId}\" is not in {definition.StateName}'s form ({id.Hint}).";
        }

        if (row.CompletedOn < from || row.CompletedOn > to)
        {
            return $"Completed on {row.CompletedOn:d MMMM yyyy}, outside the period ({from:d MMMM yyyy} to {to:d MMMM yyyy}): it goes with its own period.";
        }

        if (sentBefore)
        {
            return $"Already sent to {definition.StateName} in an earlier export: not sent twice.";
        }

        return row.Units <= 0 ? "No hours to report." : null;
    }

    /// <summary>Writes an Ed-Fi ProfessionalDevelopmentEventAttendance body, or says why it cannot.</summary>
    private static string? EdFiAttendance(Utf8JsonWriter json, ExportRow row, string edFiNamespace, Dictionary<string, int> events)
    {
        var hours = Conversion.EdFiTotalHours(row.Hours);
        if (hours < 1)
        {
            return "Under one whole hour: Ed-Fi's TotalHours is a whole number of hours, rounded down.";
        }

        var title = Conversion.EdFiTitle(row.Title);
        events.TryAdd(title, hours);
        json.WriteStartObject();
        json.WriteStartObject("personReference");
        json.WriteString("personId", row.EducatorId);
        json.WriteString("sourceSystemDescriptor", "uri://ed-fi.org/SourceSystemDescriptor#State");
        json.WriteEndObject();
        json.WriteStartObject("professionalDevelopmentEventReference");
        json.WriteString("namespace", edFiNamespace);
        json.WriteString("professionalDevelopmentTitle", title);
        json.WriteEndObject();
        json.WriteString("attendanceDate", row.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("attendanceEventCategoryDescriptor", "uri://ed-fi.org/AttendanceEventCategoryDescriptor#In Attendance");
        json.WriteEndObject();
        return null;
    }

    private static object? Field(ExportRow row, ProviderIdentity identity, string field) => field switch
    {
        "educatorName" => row.EducatorName,
        "educatorId" => row.EducatorId,
        "providerName" => identity.ProviderName,
        "providerNumber" => identity.ProviderNumber,
        "title" => row.Title,
        "summary" => row.Summary,
        "completedOn" => row.CompletedOn,
        "hours" => row.Hours,
        "units" => row.Units,
        "unitName" => row.UnitName,
        "category" => row.Category,
        "recordId" => row.Code,
        _ => null,
    };

    /// <summary>The file's name: the profile's pattern for its own file, ours for Ed-Fi and CEDS; {provider} is the provider's number (letters, digits and hyphens).</summary>
    internal static string FileName(ProfileDefinition definition, ProviderIdentity identity, ExportKind kind, DateOnly from, DateOnly to)
    {
        var provider = Regex.Replace(identity.ProviderNumber, "[^A-Za-z0-9-]", "");
        provider = provider.Length == 0 ? "provider" : provider;
        var pattern = kind switch
        {
            ExportKind.StateFile => definition.RecordFile!.FileName,
            ExportKind.EdFi => "edfi-professional-development-{provider}-{from}-{to}.json",
            _ => "ceds-professional-development-{provider}-{from}-{to}.csv",
        };
        return pattern.Replace("{provider}", provider, StringComparison.Ordinal)
            .Replace("{from}", from.ToString("yyyyMMdd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{to}", to.ToString("yyyyMMdd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static async Task Quietly(Task<IncomingFile> receiving)
    {
        try
        {
            await (await receiving).DisposeAsync();
        }
        catch (Exception)
        {
            // The writer failed first; that failure is the one reported.
        }
    }
}
