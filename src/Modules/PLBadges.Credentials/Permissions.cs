using PLBadges.Abstractions.Security;

namespace PLBadges.Credentials;

public static class CredentialPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string Manage = "Credentials.Manage";
    }

    public static readonly Permission Manage = new(Names.Manage, "Revoke the district's credentials and rotate its signing keys", Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Manage];
}
