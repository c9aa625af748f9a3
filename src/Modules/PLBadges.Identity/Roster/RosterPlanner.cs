using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Roster;

/// <summary>
/// Works out what a package would do to a district (<see cref="RosterPlan"/>), reading the district's
/// people, memberships, roster links and pending invitations a few queries at a time, whatever the
/// package's size. Nothing is written.
/// </summary>
public sealed class RosterPlanner(PLBadgesDbContext db, IOrganizationDirectory organizations, IRosterOrganizations rosterOrganizations, TimeProvider clock)
{
    public async Task<RosterPlan> PlanAsync(Guid districtId, RosterPackage package, CancellationToken cancellationToken)
    {
        var plan = new RosterPlan { DistrictId = districtId, Package = package };
        plan.Errors.AddRange(package.Errors);
        plan.Warnings.AddRange(package.Warnings);
        foreach (var refusal in package.Refusals)
        {
            plan.Rows.Add(new RosterPlanRow(refusal.File, refusal.Line, refusal.Key, "", refusal.Key, RosterChange.Refused, refusal.Reason));
        }

        if (plan.Errors.Count > 0)
        {
            return plan;
        }

        var tree = await organizations.WithDescendantsAsync([districtId], cancellationToken);
        var orgs = (await organizations.ListAsync(tree, cancellationToken)).ToDictionary(o => o.Id);
        var places = await PlacesAsync(plan, districtId, orgs, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // Roles by person, resolved to where they go; anything naming an organization nobody knows refuses the package.
        var wanted = new Dictionary<string, (List<RoleTarget> Add, List<RoleTarget> Remove, RosterRoleRow First)>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in package.Roles)
        {
            if (Resolve(plan, role, districtId, places, orgs) is not { } target)
            {
                continue;
            }

            if (!wanted.TryGetValue(role.UserKey, out var lists))
            {
                wanted[role.UserKey] = lists = ([], [], role);
            }

            if (role.ToBeDeleted || role.Ends < today)
            {
                lists.Remove.Add(target);
            }
            else if (!(role.Begins > today))
            {
                lists.Add.Add(target);
            }
        }

        var links = await db.Set<RosterLink>().AsNoTracking().Where(l => l.DistrictId == districtId)
            .Select(l => new { l.SourcedId, l.PersonId }).ToDictionaryAsync(l => l.SourcedId, l => l.PersonId, StringComparer.Ordinal, cancellationToken);
        var keyOf = links.ToDictionary(l => l.Value, l => l.Key);
        var users = new Dictionary<string, RosterUserRow>(StringComparer.OrdinalIgnoreCase);
        var emailsSeen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in package.Users)
        {
            var key = user.SourcedId ?? user.Email;
            users[key] = user;
        }

        var everyLinked = package.UsersMode == RosterFileMode.Bulk || package.RolesMode == RosterFileMode.Bulk;
        var keys = users.Keys.Concat(wanted.Keys).Concat(everyLinked ? links.Keys : []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var emails = package.Users.Select(u => u.Email.Trim().ToUpperInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var linkedIds = keys.Where(links.ContainsKey).Select(k => links[k]).ToList();
        var people = new Dictionary<Guid, PersonRow>();
        foreach (var row in await db.Set<Person>().AsNoTracking().Where(p => linkedIds.Contains(p.Id)).Select(p => new PersonRow(p.Id, p.Email!, p.NormalizedEmail!, p.DisplayName, p.IsActive)).ToListAsync(cancellationToken))
        {
            people[row.Id] = row;
        }

        foreach (var row in await db.Set<Person>().AsNoTracking().Where(p => emails.Contains(p.NormalizedEmail!)).Select(p => new PersonRow(p.Id, p.Email!, p.NormalizedEmail!, p.DisplayName, p.IsActive)).ToListAsync(cancellationToken))
        {
            people[row.Id] = row;
        }

        var byEmail = people.Values.ToDictionary(p => p.NormalizedEmail, StringComparer.Ordinal);
        var ids = people.Keys.ToList();
        var memberships = (await db.Set<Membership>().AsNoTracking().Where(m => ids.Contains(m.PersonId))
            .Select(m => new MembershipRow(m.Id, m.PersonId, m.OrganizationId, m.Role, m.FromRoster)).ToListAsync(cancellationToken))
            .ToLookup(m => m.PersonId);
        var invitations = await db.Set<DistrictInvitation>().AsNoTracking().Where(i => i.DistrictId == districtId && i.AcceptedAt == null)
            .ToDictionaryAsync(i => i.PersonId, cancellationToken);
        var treeIds = tree.ToList();
        plan.ActiveStaff = await db.Set<Person>().CountAsync(p => p.IsActive && db.Set<Membership>().Any(m => m.PersonId == p.Id && m.OrganizationId != null && treeIds.Contains(m.OrganizationId.Value)), cancellationToken);
        var newSchools = plan.Schools.ToDictionary(s => s.SourcedId, s => s.Name, StringComparer.Ordinal);

        string Describe(RoleTarget t) => $"{RoleNames.Of(t.Role)} at {(t.OrganizationId is { } id ? orgs[id].Name : newSchools[t.SchoolSourcedId!])}";

        foreach (var key in keys)
        {
            users.TryGetValue(key, out var user);
            var roles = wanted.GetValueOrDefault(key, ([], [], null!));
            var linked = links.TryGetValue(key, out var linkedId) && people.ContainsKey(linkedId) ? people[linkedId] : null;
            var email = user?.Email.Trim() ?? linked?.Email ?? "";
            var found = linked ?? (email.Length > 0 ? byEmail.GetValueOrDefault(email.ToUpperInvariant()) : null);
            var file = user?.File ?? roles.First?.File ?? "users.csv";
            var line = user?.Line ?? roles.First?.Line ?? 0;
            var sourcedId = package.IsSimple ? null : key;
            var leaving = user == null && package.UsersMode == RosterFileMode.Bulk
                ? "not in users.csv"
                : user?.ToBeDeleted == true ? "status is tobedeleted" : user?.Enabled == false ? "enabledUser is false" : null;
            void Row(RosterChange change, string name, string detail) => plan.Rows.Add(new RosterPlanRow(file, line, key, name, email, change, detail));

            if (user == null && found == null)
            {
                if (roles.First != null)
                {
                    plan.Errors.Add(new RosterProblem(roles.First.File, roles.First.Line, $"This role names the user '{key}', who is neither in users.csv nor known from an earlier roster."));
                }

                continue;
            }

            if (leaving == null && user != null)
            {
                var name = user.Name;
                if (!IsEmail(email))
                {
                    Row(RosterChange.Refused, name, email.Length == 0 ? "There is no email address." : $"'{email}' is not an email address.");
                    continue;
                }

                if (name.Length == 0 || name.Length > 200)
                {
                    Row(RosterChange.Refused, name, "The name is missing or longer than 200 characters.");
                    continue;
                }

                if (emailsSeen.TryGetValue(email, out var other))
                {
                    Row(RosterChange.Refused, name, $"The email {email} is also given to '{other}' in this package.");
                    continue;
                }

                emailsSeen[email] = key;
                if (found != null && sourcedId != null && keyOf.TryGetValue(found.Id, out var otherKey) && otherKey != key)
                {
                    Row(RosterChange.Refused, name, $"The email {email} belongs to the person the roster knows as '{otherKey}'.");
                    continue;
                }
            }

            var displayName = user?.Name ?? found!.DisplayName;
            if (found == null)
            {
                // Someone new: created only with a role; a leaver or a person with no staff role here is not stored.
                if (leaving != null || roles.Add.Count == 0)
                {
                    continue;
                }

                var created = new PersonPlan { Action = PersonAction.Create, SourcedId = sourcedId, Email = email, Name = displayName };
                created.AddRoles.AddRange(roles.Add.Distinct());
                plan.People.Add(created);
                Row(RosterChange.Added, displayName, string.Join("; ", created.AddRoles.Select(Describe)));
                continue;
            }

            var all = memberships[found.Id].ToList();
            var here = all.Where(m => m.OrganizationId is { } o && tree.Contains(o)).ToList();
            var elsewhere = all.Count - here.Count;
            var ours = linked != null || here.Count > 0;
            invitations.TryGetValue(found.Id, out var pending);
            if (!ours)
            {
                // An account of another district (or of none): invited, never attached; the district sees only what it typed.
                if (leaving != null || roles.Add.Count == 0)
                {
                    if (pending != null)
                    {
                        plan.People.Add(new PersonPlan { Action = PersonAction.CancelInvitation, PersonId = found.Id, Email = email, Name = displayName, PendingInvitation = pending.Id });
                        Row(RosterChange.Deactivated, displayName, $"The invitation is withdrawn ({leaving ?? "no role left"}).");
                    }

                    continue;
                }

                var invite = new PersonPlan { Action = PersonAction.Invite, PersonId = found.Id, SourcedId = sourcedId, Email = email, Name = displayName, PendingInvitation = pending?.Id };
                invite.AddRoles.AddRange(roles.Add.Distinct());
                plan.People.Add(invite);
                var offered = string.Join("; ", invite.AddRoles.Select(Describe));
                var same = pending != null && invite.AddRoles.All(r => r.OrganizationId != null)
                    && pending.Roles == DistrictInvitation.WriteRoles(invite.AddRoles.Select(r => (r.OrganizationId!.Value, r.Role)));
                Row(same ? RosterChange.Unchanged : RosterChange.InvitationSent, displayName, same ? "The invitation is sent already; waiting for them to accept." : $"This person has an account already: invitation sent ({offered}).");
                continue;
            }

            var update = new PersonPlan { Action = PersonAction.Update, PersonId = found.Id, SourcedId = sourcedId, Email = email, Name = displayName, Link = sourcedId != null && linked == null, PendingInvitation = pending?.Id };
            var changes = new List<string>();
            if (leaving != null)
            {
                update.RemoveMemberships.AddRange(here.Select(m => m.Id));
                update.Deactivate = found.IsActive && elsewhere == 0;
                plan.People.Add(update);
                if (here.Count > 0 || update.Deactivate)
                {
                    Row(RosterChange.Deactivated, displayName, $"Leaves the district ({leaving}): {here.Count} role(s) here removed{(update.Deactivate ? "; the account is deactivated (credentials stay valid)" : "; the account stays for their other district")}.");
                }

                continue;
            }

            var active = roles.Add.Distinct().ToList();
            bool Same(MembershipRow m, RoleTarget t) => t.OrganizationId == m.OrganizationId && t.Role == m.Role;
            update.AddRoles.AddRange(active.Where(t => !here.Any(m => Same(m, t))));
            var complete = package.RolesMode == RosterFileMode.Bulk || ((package.Format == "OneRoster 1.1" || package.RolesWithUsers) && user != null);
            var removed = complete
                ? here.Where(m => m.FromRoster && !active.Any(t => Same(m, t))).ToList()
                : here.Where(m => roles.Remove.Any(t => Same(m, t)) && !active.Any(t => Same(m, t))).ToList();
            update.RemoveMemberships.AddRange(removed.Select(m => m.Id));
            var remaining = here.Count - removed.Count + update.AddRoles.Count;
            changes.AddRange(update.AddRoles.Select(t => $"{Describe(t)} added"));
            changes.AddRange(removed.Select(m => $"{RoleNames.Of(m.Role)} at {orgs[m.OrganizationId!.Value].Name} removed"));
            if (user != null && elsewhere == 0 && user.Name != found.DisplayName)
            {
                update.NewName = user.Name;
                changes.Add($"name changed to {user.Name}");
            }

            if (user != null && linked != null && elsewhere == 0 && !string.Equals(email, found.Email, StringComparison.OrdinalIgnoreCase))
            {
                if (byEmail.ContainsKey(email.ToUpperInvariant()))
                {
                    plan.Warnings.Add(new RosterProblem(file, line, $"The new email {email} belongs to another account; {found.Email} is kept."));
                }
                else
                {
                    update.NewEmail = email;
                    changes.Add($"email changed to {email}");
                }
            }

            if (remaining == 0 && elsewhere == 0 && found.IsActive)
            {
                update.Deactivate = true;
                plan.People.Add(update);
                Row(RosterChange.Deactivated, displayName, $"No role left here: {string.Join("; ", changes)}; the account is deactivated (credentials stay valid).");
                continue;
            }

            if (!found.IsActive && remaining > 0)
            {
                update.Reactivate = true;
                changes.Add("can sign in again");
            }

            plan.People.Add(update);
            Row(changes.Count == 0 ? RosterChange.Unchanged : RosterChange.Changed, displayName, changes.Count == 0 ? "Already up to date." : char.ToUpperInvariant(changes[0][0]) + string.Join("; ", changes)[1..] + ".");
        }

        return plan;
    }

    /// <summary>Every organization a role may name: the district, its schools (new ones by sourcedId), and others the package names but PLBadges does not hold.</summary>
    private async Task<Places> PlacesAsync(RosterPlan plan, Guid districtId, Dictionary<Guid, OrganizationInfo> orgs, CancellationToken cancellationToken)
    {
        var places = new Places();
        foreach (var (sourcedId, id) in await rosterOrganizations.BySourcedIdAsync(districtId, cancellationToken))
        {
            places.Known[sourcedId] = id;
        }

        foreach (var org in plan.Package.Orgs)
        {
            if (org.IsDistrict)
            {
                plan.DistrictSourcedId ??= org.SourcedId;
                places.Known[org.SourcedId] = districtId;
            }
            else if (org.IsSchool && !org.ToBeDeleted)
            {
                plan.Schools.Add(new RosterOrganization(org.SourcedId, org.Name, org.Identifier));
            }
            else if (org.IsSchool)
            {
                plan.Warnings.Add(new RosterProblem(org.File, org.Line, $"The school '{org.Name}' is marked tobedeleted; PLBadges keeps its schools (and their people's history), so it stays."));
            }
            else
            {
                places.Other.Add(org.SourcedId);
            }
        }

        foreach (var match in await rosterOrganizations.MatchSchoolsAsync(districtId, plan.Schools, cancellationToken))
        {
            if (match.ExistingId is { } id)
            {
                places.Known[match.SourcedId] = id;
                plan.SchoolsRenamed += match.Renamed ? 1 : 0;
            }
            else
            {
                places.New.Add(match.SourcedId);
                places.Known.Remove(match.SourcedId);
                plan.SchoolsAdded++;
            }
        }

        foreach (var school in orgs.Values.Where(o => o.Kind == OrganizationKind.School))
        {
            places.ByCodeOrName.TryAdd(school.Code, school.Id);
        }

        foreach (var school in orgs.Values.Where(o => o.Kind == OrganizationKind.School))
        {
            places.ByCodeOrName.TryAdd(school.Name, school.Id);
        }

        return places;
    }

    private static RoleTarget? Resolve(RosterPlan plan, RosterRoleRow row, Guid districtId, Places places, Dictionary<Guid, OrganizationInfo> orgs)
    {
        if (plan.Package.IsSimple)
        {
            if (row.Role == RosterRole.DistrictAdmin)
            {
                return new RoleTarget(districtId, null, Role.DistrictAdmin);
            }

            if (places.ByCodeOrName.TryGetValue(row.School!.Trim(), out var school))
            {
                return new RoleTarget(school, null, row.Role == RosterRole.Coach ? Role.Coach : row.Role == RosterRole.SchoolLeader ? Role.SchoolLeader : Role.Teacher);
            }

            plan.Rows.Add(new RosterPlanRow(row.File, row.Line, row.UserKey, "", row.UserKey, RosterChange.Refused, $"No school '{row.School!.Trim()}' in {orgs[districtId].Name}."));
            return null;
        }

        var sourcedId = row.OrgSourcedId!;
        if (places.Other.Contains(sourcedId))
        {
            plan.Warnings.Add(new RosterProblem(row.File, row.Line, $"The organization '{sourcedId}' is neither the district nor a school; this role is left out."));
            return null;
        }

        var isNew = places.New.Contains(sourcedId);
        if (!isNew && !places.Known.ContainsKey(sourcedId))
        {
            plan.Errors.Add(new RosterProblem(row.File, row.Line, $"This role is held at the organization '{sourcedId}', which is neither in orgs.csv nor known from an earlier roster."));
            return null;
        }

        var atDistrict = !isNew && places.Known[sourcedId] == districtId;
        RoleTarget School(Role role) => isNew ? new RoleTarget(null, sourcedId, role) : new RoleTarget(places.Known[sourcedId], null, role);
        switch (row.Role)
        {
            case RosterRole.DistrictAdmin:
            case RosterRole.Administrator when atDistrict:
                return new RoleTarget(districtId, null, Role.DistrictAdmin);
            case RosterRole.Administrator or RosterRole.SchoolLeader when !atDistrict:
                return School(Role.SchoolLeader);
            case RosterRole.Teacher when !atDistrict:
                return School(Role.Teacher);
            default:
                plan.Warnings.Add(new RosterProblem(row.File, row.Line, $"A {row.Role.ToString().ToLowerInvariant()} role belongs to a school, not the district; this role is left out."));
                return null;
        }
    }

    internal static bool IsEmail(string text) =>
        text.Length is > 0 and <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    private sealed record PersonRow(Guid Id, string Email, string NormalizedEmail, string DisplayName, bool IsActive);

    private sealed record MembershipRow(Guid Id, Guid PersonId, Guid? OrganizationId, Role Role, bool FromRoster);

    private sealed class Places
    {
        public Dictionary<string, Guid> Known { get; } = new(StringComparer.Ordinal);

        public HashSet<string> New { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Other { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Guid> ByCodeOrName { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
