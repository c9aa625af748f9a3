using System.IO.Compression;
using System.Text;

namespace PLBadges.Identity.Roster;

/// <summary>The downloadable templates and the short guide shown on the roster page.</summary>
public static class RosterTemplates
{
    public const string Manifest = """
        propertyName,value
        manifest.version,1.0
        oneroster.version,1.2
        file.academicSessions,absent
        file.categories,absent
        file.classes,absent
        file.classResources,absent
        file.courses,absent
        file.courseResources,absent
        file.demographics,absent
        file.enrollments,absent
        file.lineItemLearningObjectiveIds,absent
        file.lineItems,absent
        file.lineItemScoreScales,absent
        file.orgs,bulk
        file.resources,absent
        file.results,absent
        file.resultLearningObjectiveIds,absent
        file.resultScoreScales,absent
        file.roles,bulk
        file.scoreScales,absent
        file.userProfiles,absent
        file.userResources,absent
        file.users,bulk
        source.systemName,Your student information system
        source.systemCode,sis

        """;

    public const string Orgs = """
        sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
        org-district,,,Your District,district,,
        org-lincoln,,,Lincoln Elementary School,school,lincoln-elementary,org-district

        """;

    public const string Users = """
        sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
        user-0001,,,true,ana.ruiz,,Ana,Ruiz,,,ana.ruiz@your-district.example,,,,,,,,,,,org-lincoln,
        user-0002,,,true,pat.lee,,Pat,Lee,,,pat.lee@your-district.example,,,,,,,,,,,org-lincoln,

        """;

    public const string Roles = """
        sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
        role-0001,,,user-0001,primary,teacher,,,org-lincoln,
        role-0002,,,user-0002,primary,principal,,,org-lincoln,

        """;

    public static byte[] OneRoster12Zip() => Zip(("manifest.csv", Manifest), ("orgs.csv", Orgs), ("users.csv", Users), ("roles.csv", Roles));

    public static byte[] SimpleCsv() => Encoding.UTF8.GetBytes("school,name,email,role\r\nlincoln-elementary,Ana Ruiz,ana.ruiz@your-district.example,Teacher\r\n,Dana Admin,dana@your-district.example,DistrictAdmin\r\n");

    public static byte[] Guide() => Encoding.UTF8.GetBytes("""
        # Importing your roster into PLBadges

        1. Export a OneRoster 1.1 or 1.2 CSV package from your student information or identity system:
           a .zip with manifest.csv, orgs.csv, users.csv and (1.2) roles.csv at the top, no folders.
           Classes, enrollments and demographics are not needed and are ignored.
        2. Open Roster import, choose the file and select Preview. Nothing changes yet: the preview lists
           who would be added, changed, invited, deactivated or refused, with the file, line and reason.
        3. Select Confirm and import. Everything in the preview is imported together, or nothing is.

        What the roles become: teacher and aide are teachers; principal and siteAdministrator are school
        leaders; districtAdministrator is a district administrator (in 1.1, administrator at the district
        is a district administrator, at a school a school leader). Counselor, proctor, systemAdministrator
        and ext: roles are left out. Students, parents, guardians and relatives are skipped and never stored.
        Coaches and other roles you give in PLBadges stay through every import.

        Leavers: a person marked tobedeleted (delta), with enabledUser=false, whose roles have all ended, or
        missing from a bulk users.csv loses their roles here. Their account is deactivated only when they
        have no role in another district; nothing of theirs is deleted and their credentials stay valid.

        People who already have a PLBadges account from another district get an invitation; they join your
        district when they accept it.

        Small districts can use the simple CSV instead: columns school, name, email, role (Teacher, Coach,
        SchoolLeader or DistrictAdmin). It adds people and roles and never removes any.
        """);

    private static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
            }
        }

        return buffer.ToArray();
    }
}
