using Microsoft.Extensions.Options;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Identity.People;
using PLBadges.Identity.Sessions;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Roster;

/// <summary>
/// Brings a district's roster in: reads a package (OneRoster 1.1 or 1.2, or the simple CSV), shows
/// what it would change, keeps it (staff only) until an admin confirms, and imports it in one
/// transaction, planned again inside it. Everything of one import happens or nothing does.
/// </summary>
public sealed class RosterImport(
    PLBadgesDbContext db,
    RosterPlanner planner,
    IRosterOrganizations rosterOrganizations,
    IOrganizationDirectory organizations,
    IFileStore files,
    UserManager<Person> users,
    Invitations invitations,
    PersonSessions sessions,
    DistrictLog log,
    IOptions<RosterSyncOptions> syncOptions,
    TimeProvider clock)
{
    public const long MaxUploadBytes = 50L * 1024 * 1024;
    public const string FileArea = "rosters";
    private const int Chunk = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Receives an upload (within <see cref="MaxUploadBytes"/>) and reads it: a zip as a OneRoster package, anything else as the simple CSV.</summary>
    public async Task<RosterPackage> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        IncomingFile received;
        try
        {
            received = await files.ReceiveAsync(content, MaxUploadBytes, cancellationToken);
        }
        catch (FileTooLargeException)
        {
            throw new RuleException($"The file is larger than {MaxUploadBytes / (1024 * 1024)} MB. A OneRoster package of staff is far smaller: leave out classes, enrollments and demographics.", "file");
        }

        await using (received)
        {
            if (received.Size == 0)
            {
                throw new RuleException("The file is empty. Choose the roster file again.", "file");
            }

            await using var stream = received.OpenRead();
            if (OneRosterReader.LooksLikeZip(stream))
            {
                return OneRosterReader.Read(stream);
            }

            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return SimpleRosterReader.Read(await reader.ReadToEndAsync(cancellationToken));
        }
    }

    public Task<RosterPlan> PreviewAsync(Guid districtId, RosterPackage package, CancellationToken cancellationToken) =>
        planner.PlanAsync(districtId, package, cancellationToken);

    /// <summary>
    /// Keeps a previewed package for confirmation: the package as read (staff only, and only the
    /// people the plan names), through the file store, so any node can confirm it.
    /// </summary>
    public async Task<Guid> KeepAsync(RosterPlan plan, string fileName, bool invite, Guid? uploadedBy, CancellationToken cancellationToken)
    {
        var named = plan.Rows.Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var package = plan.Package;
        var kept = new RosterPackage
        {
            Format = package.Format,
            OrgsMode = package.OrgsMode,
            UsersMode = package.UsersMode,
            RolesMode = package.RolesMode,
            RolesWithUsers = package.RolesWithUsers,
            Orgs = package.Orgs,
            // In a bulk file everyone listed matters (the absent are leavers); otherwise only the people the plan names.
            Users = package.UsersMode == RosterFileMode.Bulk ? package.Users : package.Users.Where(u => named.Contains(u.SourcedId ?? u.Email)).ToList(),
            Roles = package.RolesMode == RosterFileMode.Bulk ? package.Roles : package.Roles.Where(r => named.Contains(r.UserKey)).ToList(),
            Refusals = package.Refusals,
            Warnings = package.Warnings,
            SkippedNonStaff = package.SkippedNonStaff,
        };
        using var buffer = new MemoryStream();
        await using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(zip, kept, Json, cancellationToken);
        }

        buffer.Position = 0;
        await using var received = await files.ReceiveAsync(buffer, long.MaxValue, cancellationToken);
        var stored = await files.KeepAsync(received, FileArea, cancellationToken);
        var upload = new RosterUpload
        {
            DistrictId = plan.DistrictId,
            FileKey = stored.Key,
            FileName = fileName.Length > 200 ? fileName[..200] : fileName,
            Format = package.Format,
            Invite = invite,
            UploadedBy = uploadedBy,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(upload);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        return upload.Id;
    }

    /// <summary>A kept package waiting for confirmation in this district, or null.</summary>
    public async Task<(RosterPackage Package, string FileName, bool Invite)?> FindKeptAsync(Guid districtId, Guid uploadId, CancellationToken cancellationToken)
    {
        var upload = await db.Set<RosterUpload>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == uploadId && u.DistrictId == districtId && u.ImportedAt == null, cancellationToken);
        if (upload == null)
        {
            return null;
        }

        await using var content = await files.OpenAsync(upload.FileKey, null, cancellationToken);
        if (content == null)
        {
            return null;
        }

        await using var unzip = new GZipStream(content.Stream, CompressionMode.Decompress);
        var package = await JsonSerializer.DeserializeAsync<RosterPackage>(unzip, Json, cancellationToken) ?? throw new InvalidDataException("A kept roster package is empty.");
        return (package, upload.FileName, upload.Invite);
    }

    /// <summary>Imports a kept package; the file is deleted once imported.</summary>
    public async Task<RosterPlan?> ConfirmAsync(Guid districtId, Guid uploadId, Guid? confirmedBy, CancellationToken cancellationToken)
    {
        if (await FindKeptAsync(districtId, uploadId, cancellationToken) is not { } kept)
        {
            return null;
        }

        var plan = await db.InTransactionAsync(async ct =>
        {
            var upload = await db.Set<RosterUpload>().FirstAsync(u => u.Id == uploadId, ct);
            if (upload.ImportedAt != null)
            {
                throw new RuleException("This package has been imported already.");
            }

            upload.ImportedAt = clock.GetUtcNow().UtcDateTime;
            return await ApplyAsync(districtId, kept.Package, kept.Invite, confirmedBy, $"the file {kept.FileName}", ct);
        }, cancellationToken);
        var key = await db.Set<RosterUpload>().Where(u => u.Id == uploadId).Select(u => u.FileKey).FirstAsync(cancellationToken);
        await files.DeleteAsync(key, cancellationToken);
        return plan;
    }

    /// <summary>Imports a package at once (the API's confirm, and syncs that need no admin).</summary>
    /// <param name="stopAboveShare">Refuse the whole import when it would deactivate more than this share of the district's active staff (null: no limit).</param>
    public Task<RosterPlan> ImportAsync(Guid districtId, RosterPackage package, bool invite, Guid? actorId, string source, CancellationToken cancellationToken, double? stopAboveShare = null) =>
        db.InTransactionAsync(ct => ApplyAsync(districtId, package, invite, actorId, source, ct, stopAboveShare), cancellationToken);

    /// <summary>
    /// A scheduled sync: applies by itself unless it would deactivate more than
    /// <see cref="RosterSyncOptions.StopAboveShare"/> of the district's active staff (a broken export
    /// that lost half the district must not switch half the district off); then nothing changes and
    /// the refusal says why, for an admin to review the package and confirm it.
    /// </summary>
    public Task<RosterPlan> SyncAsync(Guid districtId, RosterPackage package, string source, CancellationToken cancellationToken) =>
        ImportAsync(districtId, package, invite: false, actorId: null, source, cancellationToken, syncOptions.Value.StopAboveShare);

    private async Task<RosterPlan> ApplyAsync(Guid districtId, RosterPackage package, bool invite, Guid? actorId, string source, CancellationToken cancellationToken, double? stopAboveShare = null)
    {
        // One import at a time per district: the plan below is what this transaction writes over.
        await db.LockInTransactionAsync(new LockKey("roster", districtId), cancellationToken);
        var plan = await planner.PlanAsync(districtId, package, cancellationToken);
        if (!plan.CanImport)
        {
            throw new RuleException($"The package cannot be imported: {plan.Errors[0]}{(plan.Errors.Count > 1 ? $" (and {plan.Errors.Count - 1} more problems)" : "")}. Nothing was changed.");
        }

        if (stopAboveShare is { } most && plan.DeactivatedShare > most)
        {
            throw new RuleException($"This sync would deactivate {plan.Count(RosterChange.Deactivated)} of the district's {plan.ActiveStaff} active staff ({plan.DeactivatedShare:P0}), "
                + $"more than the {most:P0} a sync may do by itself. Nothing was changed: an administrator can preview the package and confirm it.");
        }

        var district = await organizations.GetAsync(districtId, cancellationToken) ?? throw new InvalidOperationException("Unknown district.");
        var schools = plan.Schools.Count > 0 || plan.DistrictSourcedId != null
            ? await rosterOrganizations.SaveAsync(districtId, plan.DistrictSourcedId, plan.Schools, cancellationToken)
            : new Dictionary<string, Guid>();
        Guid Place(RoleTarget t) => t.OrganizationId ?? schools[t.SchoolSourcedId!];

        var now = clock.GetUtcNow().UtcDateTime;
        var fromRoster = !package.IsSimple;
        var changing = plan.People.Where(p => p.Action == PersonAction.Update && (p.NewName != null || p.NewEmail != null || p.Reactivate || p.Deactivate)).Select(p => p.PersonId!.Value).ToList();
        var tracked = new Dictionary<Guid, Person>();
        foreach (var chunk in changing.Chunk(Chunk))
        {
            foreach (var person in await db.Set<Person>().Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken))
            {
                tracked[person.Id] = person;
            }
        }

        var pendingIds = plan.People.Where(p => p.PendingInvitation != null).Select(p => p.PendingInvitation!.Value).ToList();
        var pending = await db.Set<DistrictInvitation>().Where(i => pendingIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var created = new List<Person>();
        var invited = new List<(Guid PersonId, DistrictInvitation Invitation)>();
        var removals = new List<Guid>();
        var deactivated = new List<Guid>();
        foreach (var change in plan.People.Where(p => p.Action != PersonAction.Create))
        {
            switch (change.Action)
            {
                case PersonAction.Invite:
                {
                    var roles = DistrictInvitation.WriteRoles(change.AddRoles.Select(t => (Place(t), t.Role)));
                    if (change.PendingInvitation is { } id && pending.TryGetValue(id, out var existing))
                    {
                        if (existing.Roles != roles)
                        {
                            existing.Roles = roles;
                            existing.Name = change.Name;
                            existing.Email = change.Email;
                            invited.Add((change.PersonId!.Value, existing));
                        }
                    }
                    else
                    {
                        var invitation = new DistrictInvitation { DistrictId = districtId, PersonId = change.PersonId!.Value, Email = change.Email, Name = change.Name, Roles = roles, SourcedId = change.SourcedId, FromRoster = fromRoster, CreatedAt = now };
                        db.Add(invitation);
                        invited.Add((change.PersonId!.Value, invitation));
                    }

                    break;
                }

                case PersonAction.CancelInvitation:
                    if (pending.TryGetValue(change.PendingInvitation!.Value, out var withdrawn))
                    {
                        db.Remove(withdrawn);
                    }

                    break;

                case PersonAction.Update:
                {
                    var id = change.PersonId!.Value;
                    AddMemberships(id, change.AddRoles.Select(Place), change.AddRoles, fromRoster, now);
                    removals.AddRange(change.RemoveMemberships);
                    if (change.Link)
                    {
                        Link(districtId, change.SourcedId, id, now);
                    }

                    if (tracked.TryGetValue(id, out var person))
                    {
                        person.DisplayName = change.NewName ?? person.DisplayName;
                        if (change.NewEmail != null)
                        {
                            person.Email = person.UserName = change.NewEmail;
                            person.NormalizedEmail = users.NormalizeEmail(change.NewEmail);
                            person.NormalizedUserName = users.NormalizeName(change.NewEmail);
                            person.EmailConfirmed = false;
                        }

                        if (change.Reactivate)
                        {
                            person.IsActive = true;
                        }

                        if (change.Deactivate)
                        {
                            // Nothing of theirs is deleted: their credentials stay valid; they can no longer sign in.
                            person.IsActive = false;
                            person.SecurityStamp = Guid.NewGuid().ToString("N");
                            deactivated.Add(id);
                        }
                    }

                    if (change.PendingInvitation is { } stale && change.Deactivate && pending.TryGetValue(stale, out var dropped))
                    {
                        db.Remove(dropped);
                    }

                    break;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // New people in chunks, each saved and let go: one unit of work tracking a whole district's staff is slow to save.
        foreach (var chunk in plan.People.Where(p => p.Action == PersonAction.Create).Chunk(Chunk))
        {
            foreach (var change in chunk)
            {
                var person = new Person
                {
                    Id = Guid.NewGuid(),
                    UserName = change.Email,
                    NormalizedUserName = users.NormalizeName(change.Email),
                    Email = change.Email,
                    NormalizedEmail = users.NormalizeEmail(change.Email),
                    DisplayName = change.Name,
                    CreatedAt = now,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                };
                db.Add(person);
                created.Add(person);
                AddMemberships(person.Id, change.AddRoles.Select(Place), change.AddRoles, fromRoster, now);
                Link(districtId, change.SourcedId, person.Id, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        foreach (var chunk in removals.Chunk(Chunk))
        {
            await db.Set<Membership>().Where(m => chunk.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var id in deactivated)
        {
            await sessions.EndEverywhereAsync(id, keep: null, cancellationToken);
        }

        if (invite)
        {
            foreach (var person in created)
            {
                await invitations.InviteAsync(person, district.Name, districtId, cancellationToken);
            }
        }

        foreach (var (personId, invitation) in invited)
        {
            await invitations.InviteToDistrictAsync(invitation.Email, invitation.Name, district.Name, districtId, cancellationToken);
            log.Add(districtId, "invitation", $"Invited {invitation.Name} ({invitation.Email}), who has an account already, from {source}.", personId, actorId);
        }

        log.Add(districtId, "roster", $"Imported {source} ({package.Format}): {plan.Count(RosterChange.Added)} added, {plan.Count(RosterChange.Changed)} changed, "
            + $"{plan.Count(RosterChange.InvitationSent)} invitations sent, {plan.Count(RosterChange.Deactivated)} deactivated, {plan.Count(RosterChange.Refused)} refused; "
            + $"{plan.SchoolsAdded} schools added.", actorId: actorId);
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    private void AddMemberships(Guid personId, IEnumerable<Guid> places, List<RoleTarget> targets, bool fromRoster, DateTime now)
    {
        foreach (var (place, target) in places.Zip(targets).Distinct())
        {
            db.Add(new Membership { PersonId = personId, OrganizationId = place, Role = target.Role, FromRoster = fromRoster, CreatedAt = now });
        }
    }

    private void Link(Guid districtId, string? sourcedId, Guid personId, DateTime now)
    {
        if (sourcedId != null)
        {
            db.Add(new RosterLink { DistrictId = districtId, SourcedId = sourcedId, PersonId = personId, LinkedAt = now });
        }
    }
}

/// <summary>Settings under <c>Roster</c>.</summary>
public sealed class RosterSyncOptions
{
    public const string Section = "Roster";

    /// <summary>The largest share (0 to 1) of a district's active staff a scheduled sync may deactivate without an admin.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)]
    public double StopAboveShare { get; set; } = 0.1;

    /// <summary>Records asked for in one page of a OneRoster REST pull (<c>limit</c>).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10000)]
    public int RestPageSize { get; set; } = 500;

    /// <summary>The most records of one kind a REST pull reads.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000_000)]
    public int RestMaxRecords { get; set; } = 500_000;

    /// <summary>Days between full REST pulls (between them, deltas); a full pull finds the leavers deltas never name.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 365)]
    public int FullPullDays { get; set; } = 7;
}
