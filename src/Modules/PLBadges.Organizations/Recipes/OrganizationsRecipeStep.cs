using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Data;
using PLBadges.Organizations.Tree;

namespace PLBadges.Organizations.Recipes;

/// <summary>
/// "Organizations": { "items": [ { "kind": "State|District|School", "code", "name", "parent", "timeZone", "deviceRolloutDate" } ] }.
/// An upsert by code; parents come before children. A rollout date may be relative ("+14 months") so
/// that a demo stays current.
/// </summary>
internal sealed class OrganizationsRecipeStep(PLBadgesDbContext db, TimeProvider clock) : IRecipeStep
{
    public string Name => "Organizations";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("The Organizations step needs an \"items\" array.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            index++;
            var code = Required(item, "code", index);
            var name = Required(item, "name", index);
            if (!Enum.TryParse<OrganizationKind>(Required(item, "kind", index), true, out var kind))
            {
                throw new RecipeException($"Item {index} ('{code}'): kind must be State, District or School.");
            }

            var parentCode = item.TryGetProperty("parent", out var p) ? p.GetString() : null;
            Organization? parent = null;
            if (parentCode != null)
            {
                parent = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Code == parentCode, cancellationToken)
                    ?? db.Set<Organization>().Local.FirstOrDefault(o => o.Code == parentCode)
                    ?? throw new RecipeException($"Item {index} ('{code}'): parent '{parentCode}' is not defined before it.");
            }

            var organization = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Code == code, cancellationToken)
                ?? db.Set<Organization>().Local.FirstOrDefault(o => o.Code == code);
            if (organization == null)
            {
                organization = new Organization { Code = code, Name = name, Kind = kind, CreatedAt = now, UpdatedAt = now };
                db.Set<Organization>().Add(organization);
            }
            else if (organization.Kind != kind)
            {
                throw new RecipeException($"Item {index}: '{code}' already exists as a {organization.Kind}, not a {kind}.");
            }

            organization.Name = name;
            if (item.TryGetProperty("timeZone", out var tz) && tz.GetString() is { } timeZone)
            {
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
                {
                    throw new RecipeException($"Item {index} ('{code}'): unknown time zone '{timeZone}'.");
                }

                organization.TimeZone = timeZone;
            }

            if (item.TryGetProperty("deviceRolloutDate", out var rollout) && rollout.GetString() is { } date)
            {
                var parsed = RolloutDate.Parse(date, DateOnly.FromDateTime(now))
                    ?? throw new RecipeException($"Item {index} ('{code}'): deviceRolloutDate '{date}' is neither a date (yyyy-MM-dd) nor '+N months'.");
                if (FieldRanges.Check(DateField.RolloutDate, parsed, "deviceRolloutDate") is { } outside)
                {
                    throw new RecipeException($"Item {index} ('{code}'): {outside}");
                }

                // A relative date is set once, so applying the recipe again later changes nothing.
                if (!RolloutDate.IsRelative(date) || organization.DeviceRolloutDate == null)
                {
                    organization.DeviceRolloutDate = parsed;
                }
            }

            try
            {
                organization.PlaceUnder(parent);
            }
            catch (InvalidOperationException ex)
            {
                throw new RecipeException($"Item {index}: {ex.Message}");
            }

            if (db.Entry(organization).State == EntityState.Modified)
            {
                organization.UpdatedAt = now;
            }
        }
    }

    private static string Required(JsonElement item, string property, int index) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : throw new RecipeException($"Item {index}: \"{property}\" is required.");
}

internal static class RolloutDate
{
    public static bool IsRelative(string text) => text.TrimStart().StartsWith('+');

    /// <summary>"2027-09-01", or "+14 months" from today.</summary>
    public static DateOnly? Parse(string text, DateOnly today)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && parts[0].StartsWith('+') && int.TryParse(parts[0][1..], out var months) && months <= 1200 && parts[1].StartsWith("month", StringComparison.OrdinalIgnoreCase))
        {
            return today.AddMonths(months);
        }

        return null;
    }
}
