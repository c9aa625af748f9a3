using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Roster;

public enum RosterOutcome
{
    Created,
    Updated,
    Unchanged,
    Rejected,
}

public sealed record RosterRowResult(int Line, string Email, RosterOutcome Outcome, string Message);

public sealed record RosterReport(IReadOnlyList<RosterRowResult> Rows, string? FileError)
{
    public int Count(RosterOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

/// <summary>
/// Imports a roster (columns school, name, email, role) into one district, in one transaction, with a
/// report line per row. Rows are upserts: a second import of the same file changes nothing.
/// </summary>
public sealed class RosterImport(PLBadgesDbContext db, UserManager<Person> users, IOrganizationDirectory organizations, Invitations invitations, TimeProvider clock)
{
    public const int MaxRows = 5000;
    private static readonly Role[] SchoolRoles = [Role.Teacher, Role.Coach, Role.SchoolLeader];

    public async Task<RosterReport> ImportAsync(Guid districtId, Stream csv, bool invite, CancellationToken cancellationToken)
    {
        var district = await organizations.GetAsync(districtId, cancellationToken) ?? throw new InvalidOperationException("Unknown district.");
        List<(int Line, string School, string Name, string Email, string Role)> rows;
        try
        {
            rows = Read(csv);
        }
        catch (RosterFileException ex)
        {
            return new RosterReport([], ex.Message);
        }

        var results = new List<RosterRowResult>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            results.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var districtTree = await organizations.WithDescendantsAsync([district.Id], cancellationToken);
            var namesSeen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows)
            {
                // A person listed twice keeps the name of their first row, so a second import changes nothing.
                var name = namesSeen.TryAdd(row.Email.Trim(), row.Name.Trim()) ? row.Name : namesSeen[row.Email.Trim()];
                results.Add(await ImportRowAsync(district, districtTree, row with { Name = name }, invite, cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return new RosterReport(results, null);
    }

    private async Task<RosterRowResult> ImportRowAsync(OrganizationInfo district, IReadOnlySet<Guid> districtTree, (int Line, string School, string Name, string Email, string Role) row, bool invite, CancellationToken cancellationToken)
    {
        RosterRowResult Reject(string why) => new(row.Line, row.Email, RosterOutcome.Rejected, why);

        var email = row.Email.Trim();
        if (!IsEmail(email))
        {
            return Reject($"'{row.Email}' is not an email address.");
        }

        var name = DisplayText.Clean(row.Name);
        if (name.Length == 0 || name.Length > 200)
        {
            return Reject("The name is missing or longer than 200 characters.");
        }

        if (!Enum.TryParse<Role>(row.Role.Trim().Replace(" ", ""), true, out var role) || (!SchoolRoles.Contains(role) && role != Role.DistrictAdmin))
        {
            return Reject($"'{row.Role}' is not a role a roster can give; use Teacher, Coach, SchoolLeader or DistrictAdmin.");
        }

        Guid organizationId;
        if (role == Role.DistrictAdmin)
        {
            organizationId = district.Id;
        }
        else
        {
            var school = string.IsNullOrWhiteSpace(row.School) ? null : await organizations.FindSchoolAsync(district.Id, row.School, cancellationToken);
            if (school == null)
            {
                return Reject(string.IsNullOrWhiteSpace(row.School) ? $"A {role} needs a school." : $"No school '{row.School.Trim()}' in {district.Name}.");
            }

            organizationId = school.Id;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var person = await users.FindByEmailAsync(email);
        if (person == null)
        {
            person = new Person { UserName = email, Email = email, DisplayName = name, CreatedAt = now };
            var created = await users.CreateAsync(person);
            if (!created.Succeeded)
            {
                return Reject(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            db.Set<Membership>().Add(new Membership { PersonId = person.Id, OrganizationId = organizationId, Role = role, CreatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            if (invite)
            {
                await invitations.InviteAsync(person, district.Name, district.Id, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return new(row.Line, email, RosterOutcome.Created, $"Created {name} as {role}{(invite ? "; invitation sent" : "")}.");
        }

        var changes = new List<string>();
        var personId = person.Id;
        var memberships = await db.Set<Membership>().Where(m => m.PersonId == personId).ToListAsync(cancellationToken);
        // A person who also works in another district keeps the name they have there.
        var onlyHere = memberships.All(m => m.OrganizationId != null && districtTree.Contains(m.OrganizationId.Value));
        if (onlyHere && person.DisplayName != name)
        {
            person.DisplayName = name;
            await users.UpdateAsync(person);
            changes.Add($"name changed to {name}");
        }

        if (!memberships.Any(m => m.OrganizationId == organizationId && m.Role == role))
        {
            db.Set<Membership>().Add(new Membership { PersonId = personId, OrganizationId = organizationId, Role = role, CreatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            changes.Add($"role {role} added");
        }

        return changes.Count == 0
            ? new(row.Line, email, RosterOutcome.Unchanged, "Already up to date.")
            : new(row.Line, email, RosterOutcome.Updated, char.ToUpperInvariant(changes[0][0]) + string.Join("; ", changes)[1..] + ".");
    }

    private static bool IsEmail(string text) =>
        text.Length <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    private static List<(int, string, string, string, string)> Read(Stream csv)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        List<CsvTable.Record> records;
        try
        {
            records = CsvTable.Parse(reader.ReadToEnd());
        }
        catch (FormatException ex)
        {
            throw new RosterFileException(ex.Message);
        }

        if (records.Count == 0)
        {
            throw new RosterFileException("The file is empty. It needs a header row: school, name, email, role.");
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        string[] columns = ["school", "name", "email", "role"];
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new RosterFileException($"The header row lacks the column(s) {string.Join(", ", missing)}. Expected: school, name, email, role.");
        }

        if (records.Count - 1 > MaxRows)
        {
            throw new RosterFileException($"The file has more than {MaxRows} rows; split it into smaller files.");
        }

        var positions = columns.Select(c => header.IndexOf(c)).ToArray();
        return records.Skip(1)
            .Select(r => (r.Line, Field(r, positions[0]), Field(r, positions[1]), Field(r, positions[2]), Field(r, positions[3])))
            .ToList();

        static string Field(CsvTable.Record record, int index) => index < record.Fields.Count ? record.Fields[index].Trim() : "";
    }

    private sealed class RosterFileException(string message) : Exception(message);
}
