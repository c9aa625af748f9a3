using PLBadges.Abstractions.Security;

namespace PLBadges.Credentials;

public static class CredentialPermissions
{
    public static readonly Permission Manage = new("Credentials.Manage", "Revoke the district's credentials and rotate its signing keys", Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Manage];
}
