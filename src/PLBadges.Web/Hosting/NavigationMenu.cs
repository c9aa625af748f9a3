using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;

namespace PLBadges.Web.Hosting;

/// <summary>The menu for this request: entries of enabled modules that this person may open.</summary>
internal sealed class NavigationMenu(ModuleCatalog catalog, IModuleState moduleState, IAccessControl access, IHttpContextAccessor http) : INavigationMenu
{
    public async Task<IReadOnlyList<NavigationEntry>> EntriesAsync(string section, CancellationToken cancellationToken = default)
    {
        var signedIn = http.HttpContext?.User.Identity?.IsAuthenticated == true;
        var visible = new List<NavigationEntry>();
        foreach (var module in catalog.Modules)
        {
            if (!await moduleState.IsEnabledAsync(module.Name, cancellationToken))
            {
                continue;
            }

            foreach (var entry in module.Navigation.Where(e => e.Section == section))
            {
                var show = entry.Audience switch
                {
                    NavigationAudience.Anyone => true,
                    NavigationAudience.Anonymous => !signedIn,
                    NavigationAudience.SignedIn => signedIn,
                    NavigationAudience.Permission => signedIn && entry.Permission != null && await access.HasAsync(entry.Permission, null, cancellationToken),
                    _ => false,
                };
                if (show)
                {
                    visible.Add(entry);
                }
            }
        }

        return visible.OrderBy(e => e.Order).ThenBy(e => e.Text, StringComparer.Ordinal).ToList();
    }
}
