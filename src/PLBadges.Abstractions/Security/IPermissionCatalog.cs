namespace PLBadges.Abstractions.Security;

/// <summary>Every permission the enabled modules declare.</summary>
public interface IPermissionCatalog
{
    IReadOnlyList<Permission> All { get; }

    Permission? Find(string name);
}
