using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;

namespace PLBadges.Abstractions.Modules;

/// <summary>
/// What a module tells the host about itself. One flat list per module: read its subclass and you
/// know the module. The host finds it through <see cref="PLBadgesModuleAttribute"/>.
/// </summary>
public abstract class ModuleStartup
{
    /// <summary>The module's name, as recipes and dependencies spell it (for example "Organizations").</summary>
    public abstract string Name { get; }

    /// <summary>Names of the modules this one needs; the host starts them first.</summary>
    public virtual IReadOnlyList<string> Dependencies => [];

    /// <summary>A core module cannot be switched off by a recipe.</summary>
    public virtual bool IsCore => false;

    public virtual void AddServices(IServiceCollection services, IConfiguration configuration) { }

    /// <summary>Minimal API endpoints. Razor pages of the module's assembly are found by the host.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }

    /// <summary>The module's entities, added to the one shared model.</summary>
    public virtual void ConfigureModel(ModelBuilder model) { }

    /// <summary>Middleware the module needs, run after authentication and before authorization.</summary>
    public virtual void ConfigurePipeline(IApplicationBuilder app) { }

    public virtual IEnumerable<Permission> Permissions => [];

    public virtual IEnumerable<NavigationEntry> Navigation => [];
}

/// <summary>Marks the assembly of a module and names its startup type (Orchard's Manifest, in one line).</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class PLBadgesModuleAttribute(Type startupType) : Attribute
{
    public Type StartupType { get; } = startupType;
}

/// <summary>Endpoint metadata naming the module that owns an endpoint, so a switched-off module answers 404.</summary>
public sealed record ModuleEndpointMetadata(string ModuleName);

/// <summary>Which modules a recipe has switched on.</summary>
public interface IModuleState
{
    ValueTask<bool> IsEnabledAsync(string moduleName, CancellationToken cancellationToken = default);

    /// <summary>Whether the module whose assembly holds <paramref name="type"/> is on; a type outside every module (the host's) is always on.</summary>
    ValueTask<bool> IsEnabledForAsync(Type type, CancellationToken cancellationToken = default);
}
