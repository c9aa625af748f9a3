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
    }

    public static readonly Permission Review = new(Names.Review, "Keep the state's recognition programmes, endorse micro-credentials and decide applications", Role.StateReviewer);

    public static readonly Permission DecideForDistrict = new(Names.DecideForDistrict, "Decide the recognition applications a state leaves to districts", Role.DistrictAdmin);

    public static readonly Permission Apply = new(Names.Apply, "Apply to the state for licence renewal hours or an advancement", Role.Teacher, Role.Coach, Role.SchoolLeader);

    public static IEnumerable<Permission> All => [Review, DecideForDistrict, Apply];
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
