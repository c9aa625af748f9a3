using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Roster;

/// <summary>
/// One run of a district's automatic sync: fetches the roster (SFTP drop or OneRoster REST), plans it
/// with the same <see cref="RosterPlanner"/> as an upload, and imports it through
/// <see cref="RosterImport.SyncAsync"/> (all or nothing). A run that would deactivate more than
/// <see cref="RosterSyncOptions.StopAboveShare"/> of the district's active staff changes nothing: its
/// preview is kept for the district's admins, who are told, and confirm it on the roster page. Every
/// run is recorded; a failure is recorded with a plain message and changes nothing.
/// </summary>
public sealed class RosterSync(
    PLBadgesDbContext db,
    RosterImport import,
    RosterSyncSettings settings,
    SftpRosterFetch sftp,
    OneRosterRestPull rest,
    IFileStore files,
    IInbox inbox,
    DistrictLog log,
    IOptions<RosterSyncOptions> options,
    TimeProvider clock,
    ILogger<RosterSync> logger)
{
    /// <summary>Runs the district's sync now (the schedule's next run is set from now).</summary>
    public async Task<RosterSyncOutcome> RunAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var setting = await db.Set<RosterSyncSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, cancellationToken)
            ?? throw new InvalidOperationException("This district has no roster sync.");
        var started = clock.GetUtcNow().UtcDateTime;
        var full = setting.Source == RosterSyncSource.Sftp || setting.LastPulledAt == null || setting.LastFullPullAt == null
            || started - setting.LastFullPullAt >= TimeSpan.FromDays(options.Value.FullPullDays);
        var run = new RosterSyncRun
        {
            DistrictId = districtId,
            StartedAt = started,
            Source = setting.Source,
            Kind = setting.Source == RosterSyncSource.Sftp ? "file" : full ? "full" : "delta",
            Message = "",
        };
        var source = setting.Source == RosterSyncSource.Sftp ? $"the SFTP file {setting.SftpPath}" : $"the OneRoster service ({run.Kind} pull)";
        Guid? kept = null;
        try
        {
            var package = setting.Source == RosterSyncSource.Sftp
                ? await import.ReadAsync(new MemoryStream(await sftp.FetchAsync(
                    new SftpSource(setting.SftpHost!, setting.SftpPort, setting.SftpUser!, settings.Unprotect(setting.ProtectedSftpPassword), settings.Unprotect(setting.ProtectedSftpKey), setting.SftpPath!, setting.HostKeyFingerprint!),
                    cancellationToken)), cancellationToken)
                : await rest.PullAsync(
                    new OneRosterRestSource(setting.RestBaseUrl!, setting.RestTokenUrl!, setting.RestClientId!, settings.Unprotect(setting.ProtectedRestSecret)!),
                    full ? null : setting.LastPulledAt, cancellationToken);
            var plan = await import.PreviewAsync(districtId, package, cancellationToken);
            Count(run, plan);
            if (!plan.CanImport)
            {
                throw new RuleException($"The roster cannot be imported: {plan.Errors[0]}{(plan.Errors.Count > 1 ? $" (and {plan.Errors.Count - 1} more problems)" : "")}. Nothing was changed.");
            }

            if (plan.DeactivatedShare > options.Value.StopAboveShare)
            {
                kept = await import.KeepAsync(plan, $"the scheduled sync of {started:d MMMM yyyy, HH:mm} UTC", invite: false, uploadedBy: null, cancellationToken);
                run.UploadId = kept;
                run.Outcome = RosterSyncOutcome.WaitingForAdmin;
                run.Message = $"Stopped: it would deactivate {plan.Count(RosterChange.Deactivated)} of the district's {plan.ActiveStaff} active staff ({plan.DeactivatedShare:P0}), "
                    + $"more than the {options.Value.StopAboveShare:P0} a sync may do by itself. Nothing was changed; the preview waits for an administrator on the roster import page.";
            }
            else
            {
                plan = await import.SyncAsync(districtId, package, source, cancellationToken);
                Count(run, plan);
                run.Outcome = RosterSyncOutcome.Applied;
                run.Message = plan.Rows.All(r => r.Change == RosterChange.Unchanged) && plan.SchoolsAdded == 0 ? "Up to date: nothing to change." : "Applied.";
            }
        }
        catch (Exception problem) when (problem is RuleException or OutboundRefusedException or HttpRequestException or TaskCanceledException or IOException
            or InvalidDataException or Renci.SshNet.Common.SshException or System.Net.Sockets.SocketException or System.Security.Cryptography.CryptographicException
            && !cancellationToken.IsCancellationRequested)
        {
            // Whatever the failed import had begun is dropped: nothing of it is saved with the run's record.
            db.ChangeTracker.Clear();
            run.Outcome = RosterSyncOutcome.Failed;
            run.Message = problem switch
            {
                RuleException rule => rule.Message,
                OutboundRefusedException refused => $"{refused.Message} Nothing was changed.",
                TaskCanceledException => "The source did not answer in time. Nothing was changed.",
                System.Security.Cryptography.CryptographicException => "The saved password, key or secret can no longer be read (the site's keys changed): enter it again. Nothing was changed.",
                _ => $"The roster could not be fetched: {problem.Message} Nothing was changed.",
            };
            logger.LogWarning(problem, "The roster sync of district {District} failed", districtId);
        }

        await RecordAsync(setting, run, full, cancellationToken);
        return run.Outcome;
    }

    /// <summary>The preview a stopped sync left for an admin, when it still waits.</summary>
    public async Task<Guid?> PendingAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var pending = await db.Set<RosterSyncSetting>().AsNoTracking().Where(s => s.DistrictId == districtId).Select(s => s.PendingUploadId).FirstOrDefaultAsync(cancellationToken);
        return pending is { } id && await db.Set<RosterUpload>().AnyAsync(u => u.Id == id && u.DistrictId == districtId && u.ImportedAt == null, cancellationToken) ? id : null;
    }

    private async Task RecordAsync(RosterSyncSetting read, RosterSyncRun run, bool full, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        run.FinishedAt = now;
        run.Message = run.Message.Length > 1000 ? run.Message[..1000] : run.Message;
        var setting = await db.Set<RosterSyncSetting>().FirstAsync(s => s.DistrictId == read.DistrictId, cancellationToken);
        var stale = setting.PendingUploadId;
        if (run.Outcome == RosterSyncOutcome.Applied)
        {
            setting.LastPulledAt = run.StartedAt;
            setting.LastFullPullAt = full ? run.StartedAt : setting.LastFullPullAt;
            setting.PendingUploadId = null;
        }
        else if (run.Outcome == RosterSyncOutcome.WaitingForAdmin)
        {
            setting.PendingUploadId = run.UploadId;
        }
        else
        {
            stale = null; // a failure leaves a waiting preview where it is
        }

        setting.NextRunAt = setting.Enabled ? await settings.NextRunAsync(setting.DistrictId, setting.EveryHours, setting.AtHour, now, cancellationToken) : null;
        db.Add(run);
        log.Add(run.DistrictId, "sync", $"Roster sync ({run.Source}, {run.Kind}): {run.Outcome}. {run.Added} added, {run.Changed} changed, {run.Deactivated} deactivated, {run.Refused} refused. {run.Message}");
        if (run.Outcome == RosterSyncOutcome.WaitingForAdmin)
        {
            var admins = await db.Set<Membership>().AsNoTracking()
                .Where(m => m.OrganizationId == run.DistrictId && m.Role == Role.DistrictAdmin && db.Set<Person>().Any(p => p.Id == m.PersonId && p.IsActive))
                .Select(m => m.PersonId).Distinct().ToListAsync(cancellationToken);
            foreach (var admin in admins)
            {
                await inbox.AddAsync(admin, $"The roster sync stopped: it would deactivate {run.Deactivated} people. Review its preview and confirm it, or fix the source.",
                    $"/district/roster?district={run.DistrictId}", $"roster-sync:{run.UploadId}:{admin}", cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (stale is { } old && old != setting.PendingUploadId)
        {
            await DropAsync(old, cancellationToken);
        }
    }

    /// <summary>Forgets a preview a later sync made stale (unless an admin imported it already).</summary>
    private async Task DropAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var upload = await db.Set<RosterUpload>().FirstOrDefaultAsync(u => u.Id == uploadId && u.ImportedAt == null, cancellationToken);
        if (upload == null)
        {
            return;
        }

        db.Remove(upload);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(upload.FileKey, cancellationToken);
    }

    private static void Count(RosterSyncRun run, RosterPlan plan)
    {
        run.Added = plan.Count(RosterChange.Added);
        run.Changed = plan.Count(RosterChange.Changed);
        run.Invited = plan.Count(RosterChange.InvitationSent);
        run.Deactivated = plan.Count(RosterChange.Deactivated);
        run.Refused = plan.Count(RosterChange.Refused);
    }
}

/// <summary>
/// Runs every district's sync when it is due. The database holds the schedule (each district's next
/// run), so a schedule changed on any node applies without re-registering jobs; one run at a time
/// across nodes, each district in a unit of work of its own, and a district is claimed (its next run
/// moved on) before it runs, so a retry or a second node never runs it twice.
/// </summary>
public sealed class RosterSyncWork(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RosterSyncWork> logger) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        var now = clock.GetUtcNow().UtcDateTime;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            due = await db.Set<RosterSyncSetting>().AsNoTracking().Where(s => s.Enabled && s.NextRunAt != null && s.NextRunAt <= now)
                .OrderBy(s => s.NextRunAt).Select(s => s.DistrictId).ToListAsync(cancellationToken);
        }

        foreach (var district in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            var claimed = await db.Set<RosterSyncSetting>().Where(s => s.DistrictId == district && s.Enabled && s.NextRunAt != null && s.NextRunAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextRunAt, now.AddHours(1)), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<RosterSync>().RunAsync(district, cancellationToken);
            }
            catch (Exception problem) when (!cancellationToken.IsCancellationRequested)
            {
                // Recorded runs say what went wrong; this is for what could not even be recorded. The next hour tries again.
                logger.LogError(problem, "The roster sync of district {District} could not run", district);
            }
        }
    }
}
