using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using PLBadges.Abstractions.Display;

namespace PLBadges.Identity.Roster;

/// <summary>
/// Reads a OneRoster 1.1 or 1.2 CSV package (a zip with manifest.csv, orgs.csv, users.csv and, for
/// 1.2, roles.csv). Only the files PLBadges uses are expanded, each within a bound measured on the
/// bytes themselves (a zip's own size fields can lie), and an entry with a folder in its name is
/// refused. Class, enrollment and demographics files are ignored. Everything wrong is reported with
/// its file and line; students, parents, guardians and relatives are dropped as they are read.
/// </summary>
public static partial class OneRosterReader
{
    public const long MaxEntryBytes = 64L * 1024 * 1024;
    public const long MaxExpandedBytes = 192L * 1024 * 1024;
    public const int MaxEntries = 64;

    private static readonly string[] OrgColumns = ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"];
    private static readonly string[] Users11Columns = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"];
    private static readonly string[] Users12Columns = ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"];
    private static readonly string[] RolesColumns = ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"];
    private static readonly string[] NonStaff = ["student", "parent", "guardian", "relative"];

    /// <summary>Student, parent, guardian and relative: rows never stored.</summary>
    internal static bool IsNonStaff(string roleName) => NonStaff.Contains(roleName, StringComparer.OrdinalIgnoreCase);

    /// <summary>What a OneRoster 1.2 role gives in PLBadges (teacher and aide teach; principal and siteAdministrator lead a school), or null.</summary>
    internal static RosterRole? StaffRole12(string roleName) => roleName.ToLowerInvariant() switch
    {
        "teacher" or "aide" => RosterRole.Teacher,
        "principal" or "siteadministrator" => RosterRole.SchoolLeader,
        "districtadministrator" => RosterRole.DistrictAdmin,
        _ => null,
    };

    /// <summary>A OneRoster 1.2 role PLBadges leaves out with a warning (counselor, proctor, systemAdministrator, ext:).</summary>
    internal static bool IsIgnoredRole12(string roleName) =>
        roleName.ToLowerInvariant() is "counselor" or "proctor" or "systemadministrator" || roleName.StartsWith("ext:", StringComparison.Ordinal);

    /// <summary>True when the bytes start as a zip does.</summary>
    public static bool LooksLikeZip(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    public static RosterPackage Read(Stream zip)
    {
        Dictionary<string, string> texts;
        try
        {
            texts = Expand(zip, out var refusal);
            if (refusal != null)
            {
                return RosterPackage.Refused("OneRoster", refusal.File, refusal.Line, refusal.Reason);
            }
        }
        catch (InvalidDataException)
        {
            return RosterPackage.Refused("OneRoster", "(package)", 0, "This is not a zip file that can be read. Export the OneRoster CSV package again.");
        }

        if (!texts.TryGetValue("manifest.csv", out var manifestText))
        {
            return RosterPackage.Refused("OneRoster", "manifest.csv", 0, "The package has no manifest.csv; a OneRoster CSV package starts with one.");
        }

        var manifest = ReadManifest(manifestText, out var manifestError);
        if (manifestError != null)
        {
            return RosterPackage.Refused("OneRoster", "manifest.csv", manifestError.Line, manifestError.Reason);
        }

        var version = manifest.GetValueOrDefault("oneroster.version");
        if (version is not ("1.1" or "1.2"))
        {
            return RosterPackage.Refused("OneRoster", "manifest.csv", 0, $"oneroster.version is '{version}'; PLBadges reads 1.1 and 1.2.");
        }

        var package = new RosterPackage { Format = $"OneRoster {version}" };
        package.OrgsMode = Mode(package, manifest, "orgs");
        package.UsersMode = Mode(package, manifest, "users");
        package.RolesMode = version == "1.2" ? Mode(package, manifest, "roles") : package.UsersMode;
        foreach (var (mode, file) in new[] { (package.OrgsMode, "orgs.csv"), (package.UsersMode, "users.csv"), (version == "1.2" ? package.RolesMode : RosterFileMode.Absent, "roles.csv") })
        {
            if (mode != RosterFileMode.Absent && !texts.ContainsKey(file))
            {
                package.Errors.Add(new RosterProblem("manifest.csv", 0, $"The manifest lists {file} as {mode.ToString().ToLowerInvariant()}, but the package has no {file}."));
            }
        }

        if (package.Errors.Count > 0)
        {
            return package;
        }

        if (package.OrgsMode != RosterFileMode.Absent)
        {
            ReadOrgs(package, texts["orgs.csv"]);
        }

        if (version == "1.2")
        {
            var staff = new HashSet<string>(StringComparer.Ordinal);
            var nonStaff = new HashSet<string>(StringComparer.Ordinal);
            if (package.RolesMode != RosterFileMode.Absent)
            {
                ReadRoles12(package, texts["roles.csv"], staff, nonStaff);
            }

            if (package.UsersMode != RosterFileMode.Absent)
            {
                ReadUsers12(package, texts["users.csv"], staff, nonStaff);
            }
        }
        else if (package.UsersMode != RosterFileMode.Absent)
        {
            ReadUsers11(package, texts["users.csv"]);
        }

        return package;
    }

    private static Dictionary<string, string> Expand(Stream zip, out RosterProblem? refusal)
    {
        refusal = null;
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > MaxEntries)
        {
            refusal = new RosterProblem("(package)", 0, $"The package has {archive.Entries.Count} files; a OneRoster package has at most {MaxEntries}.");
            return texts;
        }

        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            // A name with a folder (or a drive, or "..") could be written outside where it was meant to go: a package has its files at the top.
            if (entry.FullName.IndexOfAny(['/', '\\', ':']) >= 0 || entry.FullName.Contains("..", StringComparison.Ordinal) || entry.FullName.Length == 0)
            {
                refusal = new RosterProblem(entry.FullName, 0, "This entry has a folder in its name; a OneRoster package has its CSV files at the top of the zip, with no folders.");
                return texts;
            }

            declared += entry.Length;
            if (entry.Length > MaxEntryBytes || declared > MaxExpandedBytes)
            {
                refusal = new RosterProblem(entry.FullName, 0, $"This file expands to more than PLBadges reads ({MaxEntryBytes / (1024 * 1024)} MB a file, {MaxExpandedBytes / (1024 * 1024)} MB in all).");
                return texts;
            }
        }

        long expanded = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.Name.ToLowerInvariant() is not ("manifest.csv" or "orgs.csv" or "users.csv" or "roles.csv"))
            {
                continue;
            }

            using var input = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
            {
                expanded += read;
                if (buffer.Length + read > MaxEntryBytes || expanded > MaxExpandedBytes)
                {
                    refusal = new RosterProblem(entry.FullName, 0, $"This file expands to more than PLBadges reads ({MaxEntryBytes / (1024 * 1024)} MB a file, {MaxExpandedBytes / (1024 * 1024)} MB in all).");
                    return texts;
                }

                buffer.Write(chunk, 0, read);
            }

            texts[entry.Name] = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        return texts;
    }

    private static Dictionary<string, string> ReadManifest(string text, out RosterProblem? error)
    {
        error = null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var records = Parse("manifest.csv", text, out error);
        if (error != null)
        {
            return values;
        }

        if (records.Count == 0 || records[0].Fields.Count < 2 || records[0].Fields[0].Trim() != "propertyName" || records[0].Fields[1].Trim() != "value")
        {
            error = new RosterProblem("manifest.csv", 1, "The header must be: propertyName,value.");
            return values;
        }

        foreach (var record in records.Skip(1))
        {
            values[Field(record, 0)] = Field(record, 1);
        }

        return values;
    }

    private static RosterFileMode Mode(RosterPackage package, Dictionary<string, string> manifest, string name)
    {
        var value = manifest.GetValueOrDefault($"file.{name}", "absent").Trim().ToLowerInvariant();
        switch (value)
        {
            case "bulk":
                return RosterFileMode.Bulk;
            case "delta":
                return RosterFileMode.Delta;
            case "absent" or "":
                return RosterFileMode.Absent;
            default:
                package.Errors.Add(new RosterProblem("manifest.csv", 0, $"file.{name} is '{value}'; it must be absent, bulk or delta."));
                return RosterFileMode.Absent;
        }
    }

    private static void ReadOrgs(RosterPackage package, string text)
    {
        var (records, at) = Table(package, "orgs.csv", text, OrgColumns, ["sourcedId", "name", "type"]);
        if (records == null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var row = new Row(package, "orgs.csv", record, at);
            var sourcedId = row.SourcedId(seen);
            var deleted = row.Status();
            row.Timestamp("dateLastModified");
            var name = DisplayText.Clean(row["name"]);
            var type = row["type"].ToLowerInvariant();
            if (sourcedId == null || row.Failed)
            {
                continue;
            }

            if (name.Length == 0 || name.Length > 200)
            {
                package.Errors.Add(new RosterProblem("orgs.csv", record.Line, "The name is missing or longer than 200 characters."));
                continue;
            }

            package.Orgs.Add(new RosterOrgRow("orgs.csv", record.Line, sourcedId, deleted, name, type, NullIfEmpty(row["identifier"])));
        }
    }

    private static void ReadRoles12(RosterPackage package, string text, HashSet<string> staff, HashSet<string> nonStaff)
    {
        var (records, at) = Table(package, "roles.csv", text, RolesColumns, ["sourcedId", "userSourcedId", "role", "orgSourcedId"]);
        if (records == null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var row = new Row(package, "roles.csv", record, at);
            var sourcedId = row.SourcedId(seen);
            var deleted = row.Status();
            row.Timestamp("dateLastModified");
            var begins = row.Date("beginDate");
            var ends = row.Date("endDate");
            var user = row["userSourcedId"];
            var org = row["orgSourcedId"];
            var roleName = row["role"];
            if (sourcedId == null || row.Failed)
            {
                continue;
            }

            if (user.Length == 0 || org.Length == 0)
            {
                package.Errors.Add(new RosterProblem("roles.csv", record.Line, "userSourcedId and orgSourcedId are required."));
                continue;
            }

            if (IsNonStaff(roleName))
            {
                nonStaff.Add(user);
                continue;
            }

            var role = StaffRole12(roleName);
            if (role == null)
            {
                if (IsIgnoredRole12(roleName))
                {
                    package.Warnings.Add(new RosterProblem("roles.csv", record.Line, $"The role '{roleName}' has no PLBadges role; this row is left out."));
                }
                else
                {
                    package.Errors.Add(new RosterProblem("roles.csv", record.Line, $"'{roleName}' is not a OneRoster 1.2 role."));
                }

                continue;
            }

            staff.Add(user);
            package.Roles.Add(new RosterRoleRow("roles.csv", record.Line, user, org, null, role.Value, deleted, begins, ends));
        }
    }

    private static void ReadUsers12(RosterPackage package, string text, HashSet<string> staff, HashSet<string> nonStaff)
    {
        var (records, at) = Table(package, "users.csv", text, Users12Columns, ["sourcedId", "enabledUser", "givenName", "familyName"]);
        if (records == null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var sourcedId = record.Fields.Count > at["sourcedId"] ? record.Fields[at["sourcedId"]].Trim() : "";
            // Whether a person is staff is known from their roles; with every role in the package, one with none is not staff either.
            if (!staff.Contains(sourcedId) && (nonStaff.Contains(sourcedId) || package.RolesMode == RosterFileMode.Bulk))
            {
                package.SkippedNonStaff++;
                continue;
            }

            var row = new Row(package, "users.csv", record, at);
            AddUser(package, row, row.SourcedId(seen), PreferredName(row));
        }
    }

    private static void ReadUsers11(RosterPackage package, string text)
    {
        var (records, at) = Table(package, "users.csv", text, Users11Columns, ["sourcedId", "enabledUser", "orgSourcedIds", "role", "givenName", "familyName"]);
        if (records == null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var row = new Row(package, "users.csv", record, at);
            var roleName = row["role"];
            if (NonStaff.Contains(roleName, StringComparer.OrdinalIgnoreCase))
            {
                package.SkippedNonStaff++;
                continue;
            }

            RosterRole? role = roleName.ToLowerInvariant() switch
            {
                "teacher" or "aide" => RosterRole.Teacher,
                "administrator" => RosterRole.Administrator,
                _ => null,
            };
            if (role == null)
            {
                if (roleName.Equals("proctor", StringComparison.OrdinalIgnoreCase) || roleName.StartsWith("ext:", StringComparison.Ordinal))
                {
                    package.Warnings.Add(new RosterProblem("users.csv", record.Line, $"The role '{roleName}' has no PLBadges role; this person is left out."));
                }
                else
                {
                    package.Errors.Add(new RosterProblem("users.csv", record.Line, $"'{roleName}' is not a OneRoster 1.1 role."));
                }

                continue;
            }

            var sourcedId = row.SourcedId(seen);
            var deleted = AddUser(package, row, sourcedId, $"{row["givenName"]} {row["familyName"]}");
            if (sourcedId == null || deleted == null)
            {
                continue;
            }

            foreach (var org in row["orgSourcedIds"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                package.Roles.Add(new RosterRoleRow("users.csv", record.Line, sourcedId, org, null, role.Value, deleted.Value, null, null));
            }
        }
    }

    /// <summary>Adds the user row when it is sound; answers whether it is to be deleted, or null when it was not added.</summary>
    private static bool? AddUser(RosterPackage package, Row row, string? sourcedId, string name)
    {
        var deleted = row.Status();
        row.Timestamp("dateLastModified");
        var enabled = row.Boolean("enabledUser");
        if (sourcedId == null || row.Failed)
        {
            return null;
        }

        package.Users.Add(new RosterUserRow("users.csv", row.Line, sourcedId, deleted, enabled, row["email"], DisplayText.Clean(name)));
        return deleted;
    }

    private static string PreferredName(Row row)
    {
        var given = row.Has("preferredGivenName") && row["preferredGivenName"].Length > 0 ? row["preferredGivenName"] : row["givenName"];
        var family = row.Has("preferredFamilyName") && row["preferredFamilyName"].Length > 0 ? row["preferredFamilyName"] : row["familyName"];
        return $"{given} {family}";
    }

    /// <summary>
    /// The data rows of a file and where each known column is, after checking the header: the
    /// required columns present, the known ones in the order the standard gives them.
    /// </summary>
    private static (List<CsvTable.Record>? Records, Dictionary<string, int> At) Table(RosterPackage package, string file, string text, string[] known, string[] required)
    {
        var records = Parse(file, text, out var error);
        if (error != null)
        {
            package.Errors.Add(error);
            return (null, []);
        }

        if (records.Count == 0)
        {
            package.Errors.Add(new RosterProblem(file, 1, "The file is empty; it needs its header row."));
            return (null, []);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            at.TryAdd(header[i], i);
        }

        var missing = required.Where(c => !at.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            package.Errors.Add(new RosterProblem(file, records[0].Line, $"The header lacks {string.Join(", ", missing)}."));
            return (null, []);
        }

        var order = header.Where(known.Contains).ToList();
        var expected = known.Where(order.Contains).ToList();
        if (!order.SequenceEqual(expected))
        {
            package.Errors.Add(new RosterProblem(file, records[0].Line, $"The columns are out of order: the standard's order is {string.Join(", ", expected)}."));
            return (null, []);
        }

        return (records.Skip(1).ToList(), at);
    }

    private static List<CsvTable.Record> Parse(string file, string text, out RosterProblem? error)
    {
        error = null;
        try
        {
            return CsvTable.Parse(text);
        }
        catch (FormatException ex)
        {
            error = new RosterProblem(file, 0, ex.Message);
            return [];
        }
    }

    private static string Field(CsvTable.Record record, int index) => index < record.Fields.Count ? record.Fields[index].Trim() : "";

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex Timestamp();

    /// <summary>One data row: its fields by column name, and the problems found reading them.</summary>
    private sealed class Row(RosterPackage package, string file, CsvTable.Record record, Dictionary<string, int> at)
    {
        public int Line => record.Line;

        public bool Failed { get; private set; }

        public bool Has(string column) => at.ContainsKey(column);

        public string this[string column] => at.TryGetValue(column, out var i) ? Field(record, i) : "";

        public string? SourcedId(HashSet<string> seen)
        {
            var id = this["sourcedId"];
            if (id.Length == 0 || id.Length > 256)
            {
                Fail("sourcedId is missing or longer than 256 characters.");
                return null;
            }

            if (!seen.Add(id))
            {
                Fail($"The sourcedId '{id}' appears twice in {file}.");
                return null;
            }

            return id;
        }

        public bool Status()
        {
            var status = this["status"];
            if (status.Length == 0 || status.Equals("active", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (status.Equals("tobedeleted", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            Fail($"status is '{status}'; it must be active or tobedeleted.");
            return false;
        }

        public void Timestamp(string column)
        {
            var text = this[column];
            if (text.Length > 0 && (!OneRosterReader.Timestamp().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
            {
                Fail($"{column} '{text}' is not a date and time (for example 2026-08-01T00:00:00Z).");
            }
        }

        public DateOnly? Date(string column)
        {
            var text = this[column];
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Fail($"{column} '{text}' is not a date (YYYY-MM-DD).");
            return null;
        }

        public bool Boolean(string column)
        {
            var text = this[column];
            if (text.Length == 0 || text.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            Fail($"{column} is '{text}'; it must be true or false.");
            return true;
        }

        private void Fail(string reason)
        {
            Failed = true;
            package.Errors.Add(new RosterProblem(file, record.Line, reason));
        }
    }
}
