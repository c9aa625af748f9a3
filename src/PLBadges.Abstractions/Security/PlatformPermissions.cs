namespace PLBadges.Abstractions.Security;

/// <summary>
/// Permissions of the platform itself that no organization role holds (platform admins hold every
/// permission). Named here, where the theme can require them; the Identity module declares them.
/// </summary>
public static class PlatformPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string ViewStyleguide = "Platform.ViewStyleguide";
    }

    public static readonly Permission ViewStyleguide = new(Names.ViewStyleguide, "See the style guide: every component of the site's design system");
}
