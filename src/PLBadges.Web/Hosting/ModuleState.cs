using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Modules;
using PLBadges.Data.Settings;

namespace PLBadges.Web.Hosting;

/// <summary>
/// Which modules are on. Core modules are always on; the rest follow the last recipe's "Modules"
/// step (all on when no recipe said). Read from the database at most every 30 seconds per node.
/// </summary>
internal sealed class ModuleState(ModuleCatalog catalog, IServiceScopeFactory scopes, TimeProvider clock) : IModuleState
{
    public const string SettingKey = "modules.enabled";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private volatile Snapshot? snapshot;

    public async ValueTask<bool> IsEnabledAsync(string moduleName, CancellationToken cancellationToken = default)
    {
        var module = catalog.Modules.FirstOrDefault(m => string.Equals(m.Name, moduleName, StringComparison.OrdinalIgnoreCase));
        if (module == null)
        {
            return false;
        }

        if (module.IsCore)
        {
            return true;
        }

        var current = snapshot;
        if (current == null || clock.GetUtcNow() - current.ReadAt > CacheFor)
        {
            using var scope = scopes.CreateScope();
            var names = await scope.ServiceProvider.GetRequiredService<SiteSettings>().GetAsync<string[]>(SettingKey, cancellationToken);
            current = new Snapshot(names?.ToHashSet(StringComparer.OrdinalIgnoreCase), clock.GetUtcNow());
            snapshot = current;
        }

        return current.Enabled == null || current.Enabled.Contains(module.Name);
    }

    public ValueTask<bool> IsEnabledForAsync(Type type, CancellationToken cancellationToken = default) =>
        catalog.FindByAssembly(type.Assembly) is { } module ? IsEnabledAsync(module.Name, cancellationToken) : ValueTask.FromResult(true);

    /// <summary>Forgets the cached list, after a recipe changed it on this node.</summary>
    public void Invalidate() => snapshot = null;

    private sealed record Snapshot(HashSet<string>? Enabled, DateTimeOffset ReadAt);
}
