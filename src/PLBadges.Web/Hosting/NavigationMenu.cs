using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;

namespace PLBadges.Web.Hosting;

/// <summary>The menu for this request: entries of enabled modules that this person may open (worked out once per request).</summary>
internal sealed class NavigationMenu(ModuleCatalog catalog, IModuleState moduleState, IAccessControl access, IHttpContextAccessor http) : INavigationMenu
{
    private IReadOnlyList<NavigationEntry>? visible;

    public async Task<IReadOnlyList<NavigationEntry>> EntriesAsync(CancellationToken cancellationToken = default) =>
        visible ??= await VisibleAsync(cancellationToken);

    private async Task<IReadOnlyList<NavigationEntry>> VisibleAsync(CancellationToken cancellationToken)
    {
        var signedIn = http.HttpContext?.User.Identity?.IsAuthenticated == true;
        var entries = new List<NavigationEntry>();
        foreach (var module in catalog.Modules)
        {
            if (!await moduleState.IsEnabledAsync(module.Name, cancellationToken))
            {
                continue;
            }

            foreach (var entry in module.Navigation)
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
                    entries.Add(entry);
                }
            }
        }

        return entries.OrderBy(e => e.Order).ThenBy(e => e.Text, StringComparer.Ordinal).ToList();
    }
}
