using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PLBadges.Abstractions.Modules;
using PLBadges.Data.Files;
using PLBadges.Data.Outbox;
using PLBadges.Data.Settings;

namespace PLBadges.Data;

/// <summary>
/// The one unit of work. Each module contributes its own entities through
/// <see cref="ModuleStartup.ConfigureModel"/>, so there is one set of migrations per provider.
/// </summary>
public sealed class PLBadgesDbContext(DbContextOptions<PLBadgesDbContext> options, IEnumerable<ModuleStartup> modules)
    : DbContext(options), IDataProtectionKeyContext
{
    private readonly IReadOnlyList<ModuleStartup> modules = modules.ToList();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The modules whose entities make up the model, by name (the model differs with them: see <see cref="ModelPerModuleSet"/>).</summary>
    public IReadOnlyList<string> ModuleNames => [.. modules.Select(m => m.Name)];

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => new { m.DispatchedAt, m.NextAttemptAt });
            e.Property(m => m.Type).HasMaxLength(400);
            e.Property(m => m.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<ProcessedEvent>(e =>
        {
            e.ToTable("ProcessedEvents");
            e.HasKey(p => new { p.MessageId, p.Handler });
            e.Property(p => p.Handler).HasMaxLength(400);
        });
        modelBuilder.Entity<SiteSetting>(e =>
        {
            e.ToTable("SiteSettings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(200);
        });

        modelBuilder.Entity<StoredFileRecord>(e =>
        {
            e.ToTable("StoredFiles");
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(80);
            e.Property(f => f.Area).HasMaxLength(32);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.Problem).HasMaxLength(400);
            e.HasIndex(f => new { f.Area, f.KeptAt });
        });

        foreach (var module in modules)
        {
            module.ConfigureModel(modelBuilder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored as UTC and read back as UTC, on both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>
/// EF Core builds a model once per context type and caches it; this one's model depends on the modules
/// it is given, so the cache is keyed by them too (a process with two sets of modules, such as the
/// architecture tests' known-bad cases, gets a model for each).
/// </summary>
public sealed class ModelPerModuleSet : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is PLBadgesDbContext db
            ? (context.GetType(), designTime, string.Join(",", db.ModuleNames.Order(StringComparer.Ordinal)))
            : (context.GetType(), designTime);
}
