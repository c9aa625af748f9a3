using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Modules;
using PLBadges.Data.Files;
using PLBadges.Data.Outbox;
using PLBadges.Data.Settings;

namespace PLBadges.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "PLBadges.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "PLBadges.Migrations.Postgres";

    /// <summary>
    /// The DbContext on SQLite (a file under the data folder, by default) or PostgreSQL
    /// (Database:Provider=Postgres and ConnectionStrings:Default), with the outbox and a shared key ring.
    /// </summary>
    public static IServiceCollection AddPLBadgesData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataFolder = ResolveDataFolder(options, environment);
        var connectionString = configuration.GetConnectionString("Default");
        if (options.IsPostgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres, but ConnectionStrings:Default is empty. Set it to the PostgreSQL connection string.");
        }

        if (!options.IsPostgres && string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataFolder);
            connectionString = $"Data Source={Path.Combine(dataFolder, "plbadges.db")};Default Timeout=30";
        }

        services.AddSingleton(new DataFolder(dataFolder));
        services.AddSingleton<WorkOnInsertInterceptor>();
        services.AddSingleton<WorkOnCommitInterceptor>();
        services.AddDbContext<PLBadgesDbContext>((sp, db) =>
        {
            if (options.IsPostgres)
            {
                db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
            }
            else
            {
                db.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                db.AddInterceptors(SqliteTuningInstance);
            }

            db.AddInterceptors(sp.GetRequiredService<WorkOnInsertInterceptor>(), sp.GetRequiredService<WorkOnCommitInterceptor>());
            db.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModelPerModuleSet>();
        });
        services.AddScoped<IEventOutbox, EventOutbox>();
        services.AddScoped<SiteSettings>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        if ((configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).IsS3)
        {
            services.AddSingleton<S3Connection>();
            services.AddScoped<IFileStore, S3FileStore>();
        }
        else
        {
            services.AddScoped<IFileStore, FolderFileStore>();
        }

        services.AddRecurringWork<FileScrub>("storage-scrub", "0 4 * * *");
        services.AddSingleton<WorkLeases>();
        services.AddRecurringWork<OutboxDispatcher>("outbox", "* * * * *", WorkOverlap.Allowed); // leases: every node shares a backlog
        services.AddWorkOnInsert<OutboxMessage, OutboxDispatcher>();
        services.AddDataProtection().SetApplicationName("PLBadges").PersistKeysToDbContext<PLBadgesDbContext>();
        return services;
    }

    private static readonly SqliteTuning SqliteTuningInstance = new();

    public static string ResolveDataFolder(DatabaseOptions options, IHostEnvironment environment) =>
        Path.IsPathRooted(options.DataFolder) ? options.DataFolder : Path.Combine(environment.ContentRootPath, options.DataFolder);
}

/// <summary>The folder for local files: the SQLite database, the mail pickup folder, uploads.</summary>
public sealed record DataFolder(string Path);
