using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PLBadges.Data.Settings;

/// <summary>A site-wide value (which modules are on, whether setup has run), stored as JSON.</summary>
internal sealed class SiteSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}

/// <summary>Reads and writes site settings in the current unit of work.</summary>
public sealed class SiteSettings(PLBadgesDbContext db)
{
    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<SiteSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        return row == null ? default : JsonSerializer.Deserialize<T>(row.Value);
    }

    /// <summary>Sets a value; saved with the next SaveChanges.</summary>
    public async Task SetAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(value);
        var row = await db.Set<SiteSetting>().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row == null)
        {
            db.Set<SiteSetting>().Add(new SiteSetting { Key = key, Value = json });
        }
        else
        {
            row.Value = json;
        }
    }
}
