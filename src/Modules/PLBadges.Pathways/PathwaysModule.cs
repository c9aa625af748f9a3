using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;
using PLBadges.Pathways;
using PLBadges.Pathways.Api;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Content;
using PLBadges.Pathways.Contracts;
using PLBadges.Pathways.Recipes;

[assembly: PLBadgesModule(typeof(PathwaysModule))]

namespace PLBadges.Pathways;

/// <summary>Pathways and micro-credentials: the catalog, its content and versions, and the resource bank.</summary>
public sealed class PathwaysModule : ModuleStartup
{
    public override string Name => "Pathways";

    public override IReadOnlyList<string> Dependencies => ["Organizations"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PLBadges.Abstractions.Display.IMarkdownRenderer>(provider => provider.GetRequiredService<MarkdownRenderer>());
        services.AddScoped<PLBadges.Pathways.Contracts.IResourceLibrary, PLBadges.Pathways.Resources.ResourceLibrary>();
        services.AddMemoryCache();
        services.AddScoped<CatalogQueries>();
        services.AddZoneContributor<Home.PathwaysShowcase>();
        services.AddZoneContributor<Home.PathwayProgressTask>();
        services.AddScoped<IMicroCredentialCatalog>(sp => sp.GetRequiredService<CatalogQueries>());
        services.AddScoped<Publishing>();
        services.AddSingleton<Resources.ResourceBank>();
        services.AddRecipeStep<PathwaysRecipeStep>();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Pathway>(e =>
        {
            e.ToTable("Pathways");
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.Slug, p.OwnerOrganizationId }).IsUnique();
            e.HasIndex(p => p.Slug);
            e.Property(p => p.Slug).HasMaxLength(100);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.FocusArea).HasMaxLength(100);
            e.Property(p => p.Color).HasMaxLength(7);
            e.Property(p => p.Icon).HasMaxLength(20);
            e.Property(p => p.CapstoneTitle).HasMaxLength(200);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<MicroCredential>(e =>
        {
            e.ToTable("MicroCredentials");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.Slug).IsUnique();
            e.HasIndex(m => new { m.PathwayId, m.Position });
            e.Property(m => m.Slug).HasMaxLength(100);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Pathway>().WithMany().HasForeignKey(m => m.PathwayId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<MicroCredentialVersion>(e =>
        {
            e.ToTable("MicroCredentialVersions");
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.MicroCredentialId, v.Number }).IsUnique();
            e.Property(v => v.Title).HasMaxLength(200);
            e.Property(v => v.ContentHash).HasMaxLength(64);
            e.Property(v => v.EstimatedHours).HasPrecision(6, 2);
            e.HasOne<MicroCredential>().WithMany().HasForeignKey(v => v.MicroCredentialId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Resource>(e =>
        {
            e.ToTable("Resources");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Slug, r.OwnerOrganizationId }).IsUnique();
            e.HasIndex(r => r.FocusArea);
            e.HasIndex(r => r.Type);
            e.Property(r => r.Slug).HasMaxLength(100);
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Url).HasMaxLength(1000);
            e.Property(r => r.Type).HasMaxLength(20);
            e.Property(r => r.FocusArea).HasMaxLength(100);
            e.Property(r => r.GradeBands).HasMaxLength(100);
            e.Property(r => r.Tags).HasMaxLength(1000);
        });
        model.Entity<PathwayOffer>(e =>
        {
            e.ToTable("PathwayOffers");
            e.HasKey(o => new { o.DistrictId, o.PathwayId });
            e.HasOne<Pathway>().WithMany().HasForeignKey(o => o.PathwayId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCatalogApi();
        endpoints.MapResourcesApi();
    }

    public override IEnumerable<Permission> Permissions => PathwayPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Pathways", "/pathways", 20, NavigationAudience.Anyone),
        new("Resources", "/resources", 30, NavigationAudience.Anyone),
        new("Offered pathways", "/district/pathways", 350, NavigationAudience.Permission, PathwayPermissions.Offer, NavigationSections.District),
        new("Authoring", "/authoring", 360, NavigationAudience.Permission, PathwayPermissions.Author, NavigationSections.District),
    ];
}
