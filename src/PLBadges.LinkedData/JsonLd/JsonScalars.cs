using System.Text.Json;
using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>Reads JSON scalars whatever .NET value a JsonValue holds (a string, a JsonElement, a DateTime…).</summary>
internal static class JsonScalars
{
    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }
        return value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString());
    }

    public static bool? AsBoolean(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>A scalar as expanded JSON-LD holds it: string, bool, or double (as JavaScript reads the number).</summary>
    public static object? ToExpanded(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => AsString(value),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => JsonNumbers.ToDouble(value),
        _ => null,
    };

    /// <summary>An array's items, or a lone value as a list of one (never re-parenting the node into a new array).</summary>
    public static IList<JsonNode?> Items(JsonNode? node) => node is JsonArray array ? array : new[] { node };
}
