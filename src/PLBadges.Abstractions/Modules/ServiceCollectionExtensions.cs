using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Recipes;

namespace PLBadges.Abstractions.Modules;

/// <summary>The small verbs a module uses in AddServices to plug into the host.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddRecipeStep<TStep>(this IServiceCollection services)
        where TStep : class, IRecipeStep
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRecipeStep, TStep>());
        return services;
    }

    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IEventHandler<TEvent>, THandler>());
        return services;
    }

    /// <summary>Runs the work on a schedule; by default one run at a time across nodes (see <see cref="WorkOverlap"/>).</summary>
    public static IServiceCollection AddRecurringWork<TWork>(this IServiceCollection services, string id, string cron, WorkOverlap overlap = WorkOverlap.Never)
        where TWork : class, IRecurringWork
    {
        services.TryAddScoped<TWork>();
        services.AddSingleton(new RecurringWorkRegistration(id, typeof(TWork), cron, overlap));
        return services;
    }

    public static IServiceCollection AddEmailTemplate(this IServiceCollection services, EmailTemplateDefinition template)
    {
        services.AddSingleton(template);
        return services;
    }

    public static IServiceCollection AddZoneContributor<TContributor>(this IServiceCollection services)
        where TContributor : class, IZoneContributor
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IZoneContributor, TContributor>());
        return services;
    }
}
