namespace PLBadges.BrowserTests;

/// <summary>What each demo person (see <see cref="DemoPeople"/>) should see, as the browser tests check it.</summary>
public static class Demo
{

    /// <summary>Every entry the Administration navigation can have, in the order the modules give them.</summary>
    public static readonly string[] AdministrationLinks = ["Schools", "People", "Roster import", "Sign-in settings", "Sign-in and roster log", "Offered pathways", "Authoring", "Review report", "Credentials", "Rollout readiness", "Academies", "Waves", "Roadmap", "Coaching report", "Bell schedules", "Email templates", "State dashboard", "Applications", "District applications", "Programmes", "Endorsements", "Licensure connection", "Organizations", "Jobs"];

    private static readonly string[] DistrictAdminLinks = ["Schools", "People", "Roster import", "Sign-in settings", "Sign-in and roster log", "Offered pathways", "Authoring", "Review report", "Credentials", "Rollout readiness", "Academies", "Waves", "Roadmap", "Coaching report", "Bell schedules", "Email templates", "District applications"];

    /// <summary>Each demo person: email, display name, and the Administration links their role sees.</summary>
    public static readonly (string Email, string Name, string[] Administration)[] People =
    [
        (DemoPeople.Teacher, "Maya Teacher", []),
        (DemoPeople.Teacher2, "Sam Okafor", []),
        (DemoPeople.Coach, "Jordan Coach", []),
        (DemoPeople.Leader, "Priya Principal", ["Schools", "People", "Rollout readiness", "Coaching report", "Bell schedules"]),
        (DemoPeople.Admin, "Alex Admin", DistrictAdminLinks),
        (DemoPeople.State, "Casey Reviewer", ["State dashboard", "Applications", "Programmes", "Endorsements", "Licensure connection"]),
        (DemoPeople.Platform, "Pat Platform", AdministrationLinks),
        (DemoPeople.OtherAdmin, "Morgan Lakeside", DistrictAdminLinks),
    ];
}
