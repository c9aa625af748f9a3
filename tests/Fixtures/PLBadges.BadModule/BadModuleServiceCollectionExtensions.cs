using PLBadges.BadModule.Roster;
using PLBadges.Identity.Roster;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Breaks rule 1 where NetArchTest cannot see it: NetArchTest skips types named Microsoft.*, so a
/// dependency declared in this (commonly used) namespace would pass unchecked unless the rules report it.
/// </summary>
public static class BadModuleServiceCollectionExtensions
{
    public static IServiceCollection AddRosterShortcut(this IServiceCollection services) =>
        services.AddScoped<RosterImport>().AddScoped<RosterShortcut>();
}
