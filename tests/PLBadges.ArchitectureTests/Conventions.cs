using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Web.Hosting;

namespace PLBadges.ArchitectureTests;

/// <summary>
/// The conventions the docs promise, each as a check that takes what it judges (a set of modules, an
/// assembly) and returns what breaks it, so the same check runs on the real solution (nothing) and on
/// the broken fixture (something).
/// </summary>
public static class Conventions
{
    /// <summary>The one entity type other modules may name (ADR 0002): Identity's person, which ASP.NET Core Identity's generic types expose.</summary>
    private static readonly string[] PublicEntities = ["PLBadges.Identity.People.Person"];

    /// <summary>The model the host builds from these modules, as the migrations tool sees it (no database is opened).</summary>
    public static PLBadgesDbContext Model(IEnumerable<ModuleStartup> modules, bool postgres)
    {
        var options = new DbContextOptionsBuilder<PLBadgesDbContext>();
        if (postgres)
        {
            options.UseNpgsql("Host=127.0.0.1;Database=model-only", npgsql => npgsql.MigrationsAssembly(DataServiceCollectionExtensions.PostgresMigrationsAssembly));
        }
        else
        {
            options.UseSqlite("Data Source=:memory:", sqlite => sqlite.MigrationsAssembly(DataServiceCollectionExtensions.SqliteMigrationsAssembly));
        }

        // EF Core caches a model per context type; these checks build it from different module sets.
        options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModelPerModuleSet>();
        return new PLBadgesDbContext(options.Options, modules);
    }

    public static IReadOnlyList<ModuleStartup> ModulesOf(IEnumerable<Assembly> assemblies) => ModuleCatalog.FromAssemblies(assemblies).Modules;

    /// <summary>Entity types of our own assemblies that are public, other than the person.</summary>
    public static IReadOnlyList<string> PublicEntityTypes(PLBadgesDbContext db) =>
        db.Model.GetEntityTypes().Select(e => e.ClrType)
            .Where(t => t.Assembly.GetName().Name!.StartsWith("PLBadges.", StringComparison.Ordinal) && (t.IsPublic || t.IsNestedPublic))
            .Select(t => t.FullName!).Except(PublicEntities).Order(StringComparer.Ordinal).ToList();

    /// <summary>Properties marked [BindProperty] that model binding cannot set, because they are not public (MVC ignores them without a word).</summary>
    public static IReadOnlyList<string> NonPublicBoundProperties(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(p => p.IsDefined(typeof(BindPropertyAttribute), inherit: true) && p.SetMethod?.IsPublic != true)
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}").Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Modules a module uses or references without declaring them in <see cref="ModuleStartup.Dependencies"/>:
    /// every module assembly its compiled code references, and every module its project file references.
    /// </summary>
    public static IReadOnlyList<string> UndeclaredDependencies(ModuleStartup module, IReadOnlyList<ModuleStartup> all)
    {
        var byAssembly = all.ToDictionary(m => m.GetType().Assembly.GetName().Name!, m => m.Name);
        var assembly = module.GetType().Assembly;
        var used = assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Concat(ProjectReferences(assembly))
            .Where(byAssembly.ContainsKey).Select(name => byAssembly[name]);
        return used.Where(name => name != module.Name).Except(module.Dependencies).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Policies (on pages, page handlers, endpoints' classes and methods) that name a permission no module declares.</summary>
    public static IReadOnlyList<string> UndeclaredPermissions(Assembly assembly, IReadOnlyList<ModuleStartup> modules)
    {
        var declared = modules.SelectMany(m => m.Permissions).Select(p => p.PolicyName).ToHashSet(StringComparer.Ordinal);
        var members = assembly.GetTypes().SelectMany(t => new MemberInfo[] { t }.Concat(t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)));
        return members
            .SelectMany(m => m.GetCustomAttributes<AuthorizeAttribute>(inherit: false).Select(a => (Member: m, a.Policy)))
            .Where(x => x.Policy != null && x.Policy.StartsWith(Permission.PolicyPrefix, StringComparison.Ordinal) && !declared.Contains(x.Policy))
            .Select(x => $"{(x.Member as Type ?? x.Member.DeclaringType)!.FullName}: {x.Policy}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The assembly names of the projects the assembly's project file references (found beside the solution).</summary>
    private static IEnumerable<string> ProjectReferences(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var project = Directory.EnumerateFiles(RepositoryRoot(), name + ".csproj", SearchOption.AllDirectories)
            .FirstOrDefault(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            ?? throw new FileNotFoundException($"The project file of {name} was not found under {RepositoryRoot()}.");
        return XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PLBadges.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("PLBadges.sln was not found above " + AppContext.BaseDirectory);
    }
}
