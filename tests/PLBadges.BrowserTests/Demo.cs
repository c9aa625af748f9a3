namespace PLBadges.BrowserTests;

/// <summary>What each demo person (see <see cref="DemoPeople"/>) should see, as the browser tests check it.</summary>
public static class Demo
{
    private static readonly string[] Learner = ["Pathways", "Resources", "My submissions", "My coaching", "My credentials", "My transcript", "My learning wave", "Recognition"];

    private static readonly string[] Colleague = ["Pathways", "Resources", "My submissions", "My credentials", "My transcript", "Recognition"];

    private static readonly string[] Reader = ["Pathways", "Resources", "My credentials", "My transcript"];

    private static readonly string[] Coach = ["Review", "Coaching"];

    private static readonly string[] District = ["Schools", "People", "Roster import", "Sign-in settings", "Sign-in and roster log", "Offered pathways", "Authoring", "Review report", "Credentials", "Rollout readiness", "Academies", "Waves", "Roadmap", "Coaching report", "Bell schedules", "Email templates", "District applications", "State credit"];

    private static readonly string[] State = ["State dashboard", "Applications", "Programs", "Endorsements", "Licensure connection", "State profiles"];

    /// <summary>Each demo person: email, display name, and the main navigation's sections with their links, in order.</summary>
    public static readonly (string Email, string Name, (string Section, string[] Links)[] Navigation)[] People =
    [
        (DemoPeople.Teacher, "Maya Teacher", [("Learn", Learner)]),
        (DemoPeople.Teacher2, "Sam Okafor", [("Learn", Learner)]),
        (DemoPeople.Coach, "Jordan Coach", [("Learn", Colleague), ("Coach", Coach)]),
        (DemoPeople.Leader, "Priya Principal", [("Learn", Colleague), ("District", ["Schools", "People", "Rollout readiness", "Coaching report", "Bell schedules", "Sign off hours"])]),
        (DemoPeople.Admin, "Alex Admin", [("Learn", Reader), ("District", District)]),
        (DemoPeople.State, "Casey Reviewer", [("Learn", Reader), ("State", State)]),
        (DemoPeople.Platform, "Pat Platform", [("Learn", Learner), ("Coach", Coach), ("District", [.. District, "Sign off hours"]), ("State", State), ("Platform", ["Organizations", "Jobs", "Style guide"])]),
        (DemoPeople.OtherAdmin, "Morgan Lakeside", [("Learn", Reader), ("District", District)]),
    ];

    /// <summary>What a visitor who is not signed in is offered: one section, so its links are the bar.</summary>
    public static readonly string[] VisitorLinks = ["Pathways", "Resources", "Verify"];
}
