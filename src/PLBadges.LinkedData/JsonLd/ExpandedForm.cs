using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// Expanded JSON-LD, held as plain .NET values rather than JsonNodes (a JsonNode can have only one parent, and
/// expansion shares values): maps are Dictionary&lt;string, object?&gt;, arrays List&lt;object?&gt;, scalars string,
/// bool or double (a number as JavaScript holds it), and a JSON literal's value a <see cref="JsonLiteral"/>.
/// </summary>
internal static class ExpandedForm
{
    public static bool IsValueObject(object? value) => value is Dictionary<string, object?> map && map.ContainsKey(Keywords.Value);

    public static bool IsListObject(object? value) => value is Dictionary<string, object?> map && map.ContainsKey(Keywords.List);

    /// <summary>A map with @graph and nothing but @id and @index beside it.</summary>
    public static bool IsGraphObject(object? value) =>
        value is Dictionary<string, object?> map && map.ContainsKey(Keywords.Graph) &&
        map.Keys.All(key => key is Keywords.Graph or Keywords.Id or Keywords.Index or Keywords.Context);

    public static List<object?> AsList(object? value) => value as List<object?> ?? [value];

    /// <summary>Adds values to a map entry that is always an array.</summary>
    public static void AddValue(Dictionary<string, object?> map, string key, object? value, bool prepend = false)
    {
        List<object?> list;
        if (!map.TryGetValue(key, out var existing))
        {
            map[key] = list = [];
        }
        else if (existing is List<object?> existingList)
        {
            list = existingList;
        }
        else
        {
            map[key] = list = [existing];
        }
        if (value is List<object?> values)
        {
            if (prepend)
            {
                list.InsertRange(0, values);
            }
            else
            {
                list.AddRange(values);
            }
        }
        else if (prepend)
        {
            list.Insert(0, value);
        }
        else
        {
            list.Add(value);
        }
    }

    /// <summary>Back to JSON, for callers who want the expanded document itself.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        JsonLiteral literal => literal.Value?.DeepClone(),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        Dictionary<string, object?> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key, ToJson(pair.Value)))),
        _ => throw new InvalidOperationException($"Unexpected value {value.GetType()} in expanded JSON-LD."),
    };
}

/// <summary>The value of a JSON literal (@type @json): any JSON, kept as written.</summary>
internal sealed record JsonLiteral(JsonNode? Value);
