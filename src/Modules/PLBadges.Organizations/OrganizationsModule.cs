using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Navigation;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations;
using PLBadges.Organizations.Contracts;
using PLBadges.Organizations.Recipes;
using PLBadges.Organizations.Tree;

[assembly: PLBadgesModule(typeof(OrganizationsModule))]

namespace PLBadges.Organizations;

/// <summary>The state &gt; district &gt; school tree, schools and their device rollout dates.</summary>
public sealed class OrganizationsModule : ModuleStartup
{
    public override string Name => "Organizations";

    public override bool IsCore => true;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        services.AddScoped<PLBadges.Abstractions.Display.IViewerTimeZone, ViewerTimeZone>();
        services.AddScoped<IReachedOrganizations, PLBadges.Organizations.Tree.ReachedOrganizations>();
        services.AddScoped<IDistrictContext, DistrictContext>();
        services.AddScoped<IRosterOrganizations, RosterOrganizations>();
        services.AddRecipeStep<OrganizationsRecipeStep>();
    }

    public override void ConfigureModel(ModelBuilder model) =>
        model.Entity<Organization>(e =>
        {
            e.ToTable("Organizations");
            e.HasKey(o => o.Id);
            e.HasIndex(o => o.Code).IsUnique();
            e.HasIndex(o => o.DistrictId);
            e.HasIndex(o => o.StateId);
            e.HasIndex(o => o.ParentId);
            e.HasIndex(o => new { o.DistrictId, o.SourcedId }).IsUnique();
            e.Property(o => o.SourcedId).HasMaxLength(256);
            e.Property(o => o.Code).HasMaxLength(80);
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.TimeZone).HasMaxLength(64);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

    public override IEnumerable<Permission> Permissions => OrganizationPermissions.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("Schools", "/district/schools", 100, NavigationAudience.Permission, OrganizationPermissions.ViewSchools, NavigationSections.District),
        new("Organizations", "/admin/organizations", 900, NavigationAudience.Permission, OrganizationPermissions.ManageTree, NavigationSections.Platform),
    ];
}
