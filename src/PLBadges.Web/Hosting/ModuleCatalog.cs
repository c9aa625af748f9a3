using System.Reflection;
using Microsoft.Extensions.DependencyModel;
using PLBadges.Abstractions.Modules;

namespace PLBadges.Web.Hosting;

/// <summary>The modules the host references, in dependency order.</summary>
public sealed class ModuleCatalog
{
    private ModuleCatalog(IReadOnlyList<ModuleStartup> modules) => Modules = modules;

    public IReadOnlyList<ModuleStartup> Modules { get; }

    public ModuleStartup? FindByAssembly(Assembly assembly) =>
        Modules.FirstOrDefault(m => m.GetType().Assembly == assembly);

    /// <summary>Finds every module assembly among the host's dependencies (its .deps.json) and orders them.</summary>
    public static ModuleCatalog Discover(Assembly hostAssembly)
    {
        var context = DependencyContext.Load(hostAssembly) ?? DependencyContext.Default
            ?? throw new ModuleLoadException("The host's dependency list (.deps.json) could not be read, so no module can be found.");
        var assemblies = context.RuntimeLibraries
            .Where(library => library.Dependencies.Any(d => d.Name == "PLBadges.Abstractions"))
            .Select(library => LoadOrNull(library.Name))
            .OfType<Assembly>();
        return FromAssemblies(assemblies);
    }

    public static ModuleCatalog FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var startups = new List<ModuleStartup>();
        foreach (var assembly in assemblies.Distinct())
        {
            var marker = assembly.GetCustomAttribute<PLBadgesModuleAttribute>();
            if (marker == null)
            {
                continue;
            }

            if (!typeof(ModuleStartup).IsAssignableFrom(marker.StartupType))
            {
                throw new ModuleLoadException($"Assembly {assembly.GetName().Name} names {marker.StartupType.FullName} as its module startup, but that type does not derive from ModuleStartup.");
            }

            startups.Add((ModuleStartup)Activator.CreateInstance(marker.StartupType)!);
        }

        return new ModuleCatalog(Order(startups));
    }

    /// <summary>
    /// Orders modules so that each comes after the modules it depends on; ties keep name order so
    /// start-up is the same on every node. A missing dependency or a cycle stops start-up with a clear message.
    /// </summary>
    public static IReadOnlyList<ModuleStartup> Order(IEnumerable<ModuleStartup> modules)
    {
        var byName = new Dictionary<string, ModuleStartup>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in modules)
        {
            if (!byName.TryAdd(module.Name, module))
            {
                throw new ModuleLoadException($"Two modules are named '{module.Name}': {byName[module.Name].GetType().FullName} and {module.GetType().FullName}.");
            }
        }

        foreach (var module in byName.Values)
        {
            foreach (var dependency in module.Dependencies)
            {
                if (!byName.ContainsKey(dependency))
                {
                    throw new ModuleLoadException($"Module '{module.Name}' depends on module '{dependency}', which the host does not reference. Add a project reference to PLBadges.{dependency} in src/PLBadges.Web.");
                }
            }
        }

        var ordered = new List<ModuleStartup>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false: visiting, true: done
        foreach (var module in byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(module, []);
        }

        return ordered;

        void Visit(ModuleStartup module, List<string> path)
        {
            if (state.TryGetValue(module.Name, out var done))
            {
                if (!done)
                {
                    var cycle = path.SkipWhile(n => !string.Equals(n, module.Name, StringComparison.OrdinalIgnoreCase)).Append(module.Name);
                    throw new ModuleLoadException($"Modules depend on each other in a cycle: {string.Join(" -> ", cycle)}.");
                }

                return;
            }

            state[module.Name] = false;
            path.Add(module.Name);
            foreach (var dependency in module.Dependencies.OrderBy(d => d, StringComparer.Ordinal))
            {
                Visit(byName[dependency], path);
            }

            path.RemoveAt(path.Count - 1);
            state[module.Name] = true;
            ordered.Add(module);
        }
    }

    private static Assembly? LoadOrNull(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}

public sealed class ModuleLoadException(string message) : Exception(message);
