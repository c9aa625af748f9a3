namespace PLBadges.Testing;

/// <summary>The people recipes/demo.recipe.json creates (password <see cref="Forms.DemoPassword"/>).</summary>
public static class DemoPeople
{
    public const string Teacher = "teacher@demo.plbadges.test";
    public const string Teacher2 = "teacher2@demo.plbadges.test";
    public const string Coach = "coach@demo.plbadges.test";
    public const string LeadCoach = "lead@demo.plbadges.test";
    public const string Leader = "leader@demo.plbadges.test";
    public const string Admin = "admin@demo.plbadges.test";
    public const string State = "state@demo.plbadges.test";
    public const string Platform = "platform@demo.plbadges.test";
    public const string OtherTeacher = "teacher@other.plbadges.test";
    public const string OtherCoach = "coach@other.plbadges.test";
    public const string OtherAdmin = "admin@other.plbadges.test";
}
