using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;

namespace PLBadges.Recognition;

public static class RecognitionPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string Review = "Recognition.Review";
        public const string DecideForDistrict = "Recognition.DecideForDistrict";
        public const string Apply = "Recognition.Apply";
        public const string StateCredit = "Recognition.StateCredit";
        public const string SignOffForSchool = "Recognition.SignOffForSchool";
    }

    public static readonly Permission Review = new(Names.Review, "Keep the state's recognition programs, endorse micro-credentials and decide applications", Role.StateReviewer);

    public static readonly Permission DecideForDistrict = new(Names.DecideForDistrict, "Decide the recognition applications a state leaves to districts", Role.DistrictAdmin);

    public static readonly Permission Apply = new(Names.Apply, "Apply to the state for license renewal hours or an advancement", Role.Teacher, Role.Coach, Role.SchoolLeader);

    public static readonly Permission StateCredit = new(Names.StateCredit, "Set up the district as a provider for states, sign off educators' hours, and make the states' certificates and files", Role.DistrictAdmin);

    /// <summary>Held by school leaders, and used only where a district admin has named them to sign off their school's educators.</summary>
    public static readonly Permission SignOffForSchool = new(Names.SignOffForSchool, "Sign off the hours of the school's educators, where the district has named you to", Role.SchoolLeader);

    public static IEnumerable<Permission> All => [Review, DecideForDistrict, Apply, StateCredit, SignOffForSchool];
}


/// <summary>"recognition:decide": the state's reviewers, or admins of a district the state may leave approval to.</summary>
internal sealed class MayDecideRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement
{
    public const string Policy = "recognition:decide";
}

internal sealed class MayDecideHandler(IAccessControl access) : Microsoft.AspNetCore.Authorization.AuthorizationHandler<MayDecideRequirement>
{
    protected override async Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, MayDecideRequirement requirement)
    {
        if (await access.HasAsync(RecognitionPermissions.Review) || await access.HasAsync(RecognitionPermissions.DecideForDistrict))
        {
            context.Succeed(requirement);
        }
    }
}
