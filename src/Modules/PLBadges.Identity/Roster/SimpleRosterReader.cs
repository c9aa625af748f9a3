namespace PLBadges.Identity.Roster;

/// <summary>
/// Reads PLBadges' own simple roster (columns school, name, email, role; comma or semicolon) for
/// small districts without a OneRoster export. People are known by email; it adds people and roles
/// and never takes any away, so it is read as a delta.
/// </summary>
public static class SimpleRosterReader
{
    public const string File = "roster.csv";
    public const int MaxRows = 5000;

    public static RosterPackage Read(string text)
    {
        List<CsvTable.Record> records;
        try
        {
            records = CsvTable.Parse(text);
        }
        catch (FormatException ex)
        {
            return RosterPackage.Refused(RosterPackage.SimpleFormat, File, 0, ex.Message);
        }

        if (records.Count == 0)
        {
            return RosterPackage.Refused(RosterPackage.SimpleFormat, File, 1, "The file is empty. It needs a header row: school, name, email, role.");
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        string[] columns = ["school", "name", "email", "role"];
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return RosterPackage.Refused(RosterPackage.SimpleFormat, File, 1, $"The header row lacks the column(s) {string.Join(", ", missing)}. Expected: school, name, email, role.");
        }

        if (records.Count - 1 > MaxRows)
        {
            return RosterPackage.Refused(RosterPackage.SimpleFormat, File, 0, $"The file has more than {MaxRows} rows; split it into smaller files, or use a OneRoster package.");
        }

        var package = new RosterPackage { Format = RosterPackage.SimpleFormat, OrgsMode = RosterFileMode.Absent, UsersMode = RosterFileMode.Delta, RolesMode = RosterFileMode.Delta };
        var at = columns.Select(c => header.IndexOf(c)).ToArray();
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records.Skip(1))
        {
            string Field(int i) => at[i] < record.Fields.Count ? record.Fields[at[i]].Trim() : "";
            var (school, name, email, roleText) = (Field(0), Field(1), Field(2), Field(3));
            RosterRole? role = roleText.Replace(" ", "").ToLowerInvariant() switch
            {
                "teacher" => RosterRole.Teacher,
                "coach" => RosterRole.Coach,
                "schoolleader" => RosterRole.SchoolLeader,
                "districtadmin" => RosterRole.DistrictAdmin,
                _ => null,
            };
            if (role == null)
            {
                package.Refusals.Add(new RosterRefusal(File, record.Line, email, $"'{roleText}' is not a role a roster can give; use Teacher, Coach, SchoolLeader or DistrictAdmin."));
                continue;
            }

            if (role != RosterRole.DistrictAdmin && school.Length == 0)
            {
                package.Refusals.Add(new RosterRefusal(File, record.Line, email, $"A {roleText} needs a school."));
                continue;
            }

            // A person listed twice keeps the name of their first row, so a second import changes nothing.
            if (named.TryAdd(email, name))
            {
                package.Users.Add(new RosterUserRow(File, record.Line, null, false, true, email, PLBadges.Abstractions.Display.DisplayText.Clean(name)));
            }

            package.Roles.Add(new RosterRoleRow(File, record.Line, email, null, role == RosterRole.DistrictAdmin ? null : school, role.Value, false, null, null));
        }

        return package;
    }
}
