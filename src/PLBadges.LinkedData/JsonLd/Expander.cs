using System.Text.Json.Nodes;
using static PLBadges.LinkedData.JsonLd.ExpandedForm;
using Map = System.Collections.Generic.Dictionary<string, object?>;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// The Expansion Algorithm (JSON-LD 1.1 API, 5.1.2) in JSON-LD 1.1 mode, shaped after jsonld.js where it refines
/// the specification (when a type-scoped context is reverted; values dropped inside @graph containers).
/// Everything the specification would silently drop is refused instead (safe mode).
/// </summary>
internal sealed class Expander(ContextProcessor contexts)
{
    public List<object?> ExpandDocument(JsonNode? document, ActiveContext active, string? baseUrl)
    {
        var expanded = Expand(active, null, document, baseUrl);
        if (expanded is Map map && map.Count == 1 && map.TryGetValue(Keywords.Graph, out var graph))
        {
            expanded = graph;
        }
        return expanded switch
        {
            null => [],
            List<object?> list => list,
            _ => [expanded],
        };
    }

    private object? Expand(
        ActiveContext active,
        string? activeProperty,
        JsonNode? element,
        string? baseUrl,
        bool insideList = false,
        bool insideIndex = false,
        ActiveContext? typeScopedContext = null)
    {
        switch (element)
        {
            case null:
                return null;
            case JsonValue scalar:
                if (!insideList && (activeProperty is null || ExpandProperty(active, activeProperty) == Keywords.Graph))
                {
                    throw SafeMode.Violation(
                        "free-floating scalar", scalar.ToJsonString(),
                        $"Safe mode: the value {scalar.ToJsonString()} is not the value of any property, so it would be dropped.");
                }
                if (activeProperty is not null && active.Term(activeProperty) is { HasScopedContext: true } scopedTerm)
                {
                    active = ApplyScopedContext(active, scopedTerm, overrideProtected: true, propagate: true);
                }
                return ExpandValue(active, activeProperty, scalar);
            case JsonArray array:
                var items = new List<object?>(array.Count);
                var isList = insideList || (activeProperty is not null && active.Term(activeProperty) is { } arrayTerm && (arrayTerm.Container & Containers.List) != 0);
                foreach (var item in array)
                {
                    var expandedItem = Expand(active, activeProperty, item, baseUrl, insideIndex: insideIndex, typeScopedContext: typeScopedContext);
                    if (isList && expandedItem is List<object?> nested)
                    {
                        expandedItem = new Map { [Keywords.List] = nested };
                    }
                    if (expandedItem is List<object?> many)
                    {
                        items.AddRange(many);
                    }
                    else if (expandedItem is not null)
                    {
                        items.Add(expandedItem);
                    }
                }
                return items;
            default:
                return ExpandMap(active, activeProperty, (JsonObject)element, baseUrl, insideList, insideIndex, typeScopedContext);
        }
    }

    private object? ExpandMap(
        ActiveContext active,
        string? activeProperty,
        JsonObject element,
        string? baseUrl,
        bool insideList,
        bool insideIndex,
        ActiveContext? typeScopedContext)
    {
        var expandedActiveProperty = activeProperty is null ? null : ExpandProperty(active, activeProperty);
        var propertyTerm = activeProperty is null ? null : active.Term(activeProperty);

        // A type-scoped context applies to the node that has the type, not to the nodes inside it; only a value
        // object or a bare reference keeps it.
        typeScopedContext ??= active.PreviousContext is not null ? active : null;
        var keys = SortedKeys(element);
        var mustRevert = !insideIndex;
        if (mustRevert && typeScopedContext is not null && keys.Count <= 2 && !keys.Contains(Keywords.Context))
        {
            foreach (var key in keys)
            {
                var expandedKey = ExpandProperty(typeScopedContext, key);
                if (expandedKey == Keywords.Value)
                {
                    mustRevert = false;
                    active = typeScopedContext;
                    break;
                }
                if (expandedKey == Keywords.Id && keys.Count == 1)
                {
                    mustRevert = false;
                    break;
                }
            }
        }
        if (mustRevert && active.PreviousContext is not null)
        {
            active = active.PreviousContext;
        }
        if (propertyTerm is { HasScopedContext: true })
        {
            active = ApplyScopedContext(active, propertyTerm, overrideProtected: true, propagate: true);
        }
        if (element.TryGetPropertyValue(Keywords.Context, out var localContext))
        {
            active = contexts.Process(active, localContext, baseUrl);
        }

        typeScopedContext = active;
        string? typeKey = null;
        foreach (var key in keys)
        {
            if (ExpandProperty(active, key) != Keywords.Type)
            {
                continue;
            }
            typeKey ??= key;
            var types = element[key] is JsonArray typeArray
                ? typeArray.Select(AsString).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : AsString(element[key]) is { } single ? [single] : [];
            foreach (var type in types)
            {
                if (typeScopedContext.Term(type) is { HasScopedContext: true } typeTerm)
                {
                    active = ApplyScopedContext(active, typeTerm, overrideProtected: false, propagate: false);
                }
            }
        }

        var result = new Map();
        ExpandEntries(active, activeProperty, expandedActiveProperty, element, keys, result, baseUrl, typeKey, typeScopedContext);

        object? output = result;
        var count = result.Count;
        if (result.TryGetValue(Keywords.Value, out var value))
        {
            CheckValueObject(result, value);
            if (value is null)
            {
                throw SafeMode.Violation("null @value value", "@value", "Safe mode: a value object with a null @value would be dropped.");
            }
        }
        else if (result.TryGetValue(Keywords.Type, out var typeValue) && typeValue is not List<object?>)
        {
            result[Keywords.Type] = new List<object?> { typeValue };
        }
        else if (result.ContainsKey(Keywords.Set) || result.ContainsKey(Keywords.List))
        {
            if (count > 2 || (count == 2 && !result.ContainsKey(Keywords.Index)))
            {
                throw new JsonLdException(JsonLdErrors.InvalidSetOrListObject, "An @set or @list object may only have @index beside it.");
            }
            if (result.TryGetValue(Keywords.Set, out var set))
            {
                output = set;
            }
        }
        else if (count == 1 && result.ContainsKey(Keywords.Language))
        {
            throw SafeMode.Violation("object with only @language", "@language", "Safe mode: an object with only @language would be dropped.");
        }

        if (output is Map map && !insideList &&
            (activeProperty is null || expandedActiveProperty == Keywords.Graph ||
             (active.Term(activeProperty) is { } graphTerm && (graphTerm.Container & Containers.Graph) != 0)))
        {
            RefuseDroppedObject(map);
        }
        return output;
    }

    private void ExpandEntries(
        ActiveContext active,
        string? activeProperty,
        string? expandedActiveProperty,
        JsonObject element,
        IReadOnlyList<string> keys,
        Map result,
        string? baseUrl,
        string? typeKey,
        ActiveContext typeScopedContext)
    {
        var isJsonType = false;
        if (typeKey is not null)
        {
            var typeNode = element[typeKey];
            var first = typeNode is JsonArray typeArray ? (typeArray.Count > 0 ? typeArray[0] : null) : typeNode;
            isJsonType = AsString(first) is { } firstType && ExpandIri(active, firstType, documentRelative: true, vocab: true) == Keywords.Json;
        }
        var nests = new List<string>();
        foreach (var key in keys)
        {
            if (key == Keywords.Context)
            {
                continue;
            }
            var expandedProperty = ExpandProperty(active, key);
            if (expandedProperty is null || !(Iri.IsAbsoluteOrBlankNode(expandedProperty) || Keywords.IsKeyword(expandedProperty)))
            {
                throw SafeMode.Violation(
                    "invalid property", key,
                    $"Safe mode: \"{key}\" is not defined by the document's contexts, so it would be dropped from what is signed.");
            }
            var value = element[key];
            if (Keywords.IsKeyword(expandedProperty))
            {
                if (expandedActiveProperty == Keywords.Reverse)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidReversePropertyMap, $"The keyword {key} cannot be a reverse property.");
                }
                if (result.ContainsKey(expandedProperty) && expandedProperty is not (Keywords.Included or Keywords.Type))
                {
                    throw new JsonLdException(JsonLdErrors.CollidingKeywords, $"{expandedProperty} is given twice (\"{key}\").");
                }
                ExpandKeyword(active, activeProperty, expandedActiveProperty, key, expandedProperty, value, result, nests, baseUrl, isJsonType, typeScopedContext);
                continue;
            }
            ExpandProperty(active, key, expandedProperty, value, result, baseUrl);
        }

        foreach (var nestKey in nests)
        {
            var nestedValues = JsonScalars.Items(element[nestKey]);
            foreach (var nested in nestedValues)
            {
                if (nested is not JsonObject nestedObject || nestedObject.Any(pair => ExpandProperty(active, pair.Key) == Keywords.Value))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidNestValue, $"The value of \"{nestKey}\" must be a node object.");
                }
                ExpandEntries(active, activeProperty, expandedActiveProperty, nestedObject, SortedKeys(nestedObject), result, baseUrl, typeKey, typeScopedContext);
            }
        }
    }

    private void ExpandKeyword(
        ActiveContext active,
        string? activeProperty,
        string? expandedActiveProperty,
        string key,
        string keyword,
        JsonNode? value,
        Map result,
        List<string> nests,
        string? baseUrl,
        bool isJsonType,
        ActiveContext typeScopedContext)
    {
        switch (keyword)
        {
            case Keywords.Id:
                var id = AsString(value) ?? throw new JsonLdException(JsonLdErrors.InvalidIdValue, $"\"{key}\" must be a string.");
                result[Keywords.Id] = ExpandId(active, id);
                return;
            case Keywords.Type:
                ExpandTypes(typeScopedContext, key, value, result);
                return;
            case Keywords.Graph:
                AddValue(result, Keywords.Graph, AsList(Expand(active, Keywords.Graph, value, baseUrl)));
                return;
            case Keywords.Included:
                var included = AsList(Expand(active, null, value, baseUrl));
                if (included.Any(item => item is not Map || IsValueObject(item) || IsListObject(item)))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidIncludedValue, "@included may only hold node objects.");
                }
                AddValue(result, Keywords.Included, included);
                return;
            case Keywords.Value:
                if (isJsonType)
                {
                    result[Keywords.Value] = new JsonLiteral(value);
                }
                else if (value is JsonObject or JsonArray)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidValueObjectValue, "@value must be a string, number, boolean or null.");
                }
                else
                {
                    result[Keywords.Value] = value is JsonValue scalar ? Scalar(scalar) : null;
                }
                return;
            case Keywords.Language:
                if (value is null)
                {
                    return;
                }
                var language = AsString(value) ?? throw new JsonLdException(JsonLdErrors.InvalidLanguageTaggedString, "@language must be a string.");
                result[Keywords.Language] = Languages.Checked(language);
                return;
            case Keywords.Direction:
                result[Keywords.Direction] = AsString(value) is "ltr" or "rtl"
                    ? AsString(value)
                    : throw new JsonLdException(JsonLdErrors.InvalidBaseDirection, "@direction must be \"ltr\" or \"rtl\".");
                return;
            case Keywords.Index:
                result[Keywords.Index] = AsString(value) ?? throw new JsonLdException(JsonLdErrors.InvalidIndexValue, "@index must be a string.");
                return;
            case Keywords.List:
                var listProperty = expandedActiveProperty == Keywords.Graph ? null : activeProperty;
                result[Keywords.List] = AsList(Expand(active, listProperty, value, baseUrl, insideList: true));
                return;
            case Keywords.Set:
                AddValue(result, Keywords.Set, AsList(Expand(active, activeProperty, value, baseUrl)));
                return;
            case Keywords.Reverse:
                ExpandReverse(active, value, result, baseUrl);
                return;
            case Keywords.Nest:
                nests.Add(key);
                return;
            default:
                // Framing keywords and the like mean nothing here; jsonld.js would let them vanish from the RDF.
                throw SafeMode.Violation("invalid property", key, $"Safe mode: the keyword {keyword} (\"{key}\") has no meaning in a document and would be dropped.");
        }
    }

    private void ExpandProperty(ActiveContext active, string key, string expandedProperty, JsonNode? value, Map result, string? baseUrl)
    {
        var term = active.Term(key);
        var container = term?.Container ?? Containers.None;
        object? expanded;
        if (term?.TypeMapping == Keywords.Json)
        {
            expanded = new Map { [Keywords.Value] = new JsonLiteral(value), [Keywords.Type] = Keywords.Json };
        }
        else if ((container & Containers.Language) != 0 && value is JsonObject languageMap)
        {
            var termContext = term!.HasScopedContext ? ApplyScopedContext(active, term, overrideProtected: true, propagate: true) : active;
            var termInContext = termContext.Term(key);
            var direction = termInContext is { HasDirection: true } ? termInContext.Direction : termContext.DefaultDirection;
            expanded = ExpandLanguageMap(termContext, languageMap, direction);
        }
        else if ((container & (Containers.Index | Containers.Id | Containers.Type)) != 0 && value is JsonObject indexMap)
        {
            expanded = ExpandIndexMap(active, term!, key, indexMap, baseUrl);
        }
        else
        {
            expanded = Expand(active, key, value, baseUrl);
        }
        if (expanded is null)
        {
            return;
        }
        if ((container & Containers.List) != 0 && !IsListObject(expanded))
        {
            expanded = new Map { [Keywords.List] = AsList(expanded) };
        }
        if ((container & Containers.Graph) != 0 && (container & (Containers.Id | Containers.Index)) == 0)
        {
            var graphs = new List<object?>();
            foreach (var item in AsList(expanded))
            {
                if (item is Map itemMap)
                {
                    RefuseDroppedObject(itemMap);
                }
                graphs.Add(new Map { [Keywords.Graph] = AsList(item) });
            }
            expanded = graphs;
        }
        if (term is { IsReverse: true })
        {
            var reverseMap = ReverseMap(result);
            foreach (var item in AsList(expanded))
            {
                if (IsValueObject(item) || IsListObject(item))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidReversePropertyValue, $"The reverse property \"{key}\" must point to nodes.");
                }
                AddValue(reverseMap, expandedProperty, item);
            }
            return;
        }
        AddValue(result, expandedProperty, expanded);
    }

    private void ExpandReverse(ActiveContext active, JsonNode? value, Map result, string? baseUrl)
    {
        if (value is not JsonObject)
        {
            throw new JsonLdException(JsonLdErrors.InvalidReverseValue, "@reverse must be an object.");
        }
        if (Expand(active, Keywords.Reverse, value, baseUrl) is not Map expanded)
        {
            return;
        }
        if (expanded.TryGetValue(Keywords.Reverse, out var doubleReversed) && doubleReversed is Map reversedTwice)
        {
            foreach (var (property, items) in reversedTwice)
            {
                AddValue(result, property, AsList(items));
            }
        }
        foreach (var (property, items) in expanded)
        {
            if (property == Keywords.Reverse)
            {
                continue;
            }
            var reverseMap = ReverseMap(result);
            foreach (var item in AsList(items))
            {
                if (IsValueObject(item) || IsListObject(item))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidReversePropertyValue, $"The reverse property \"{property}\" must point to nodes.");
                }
                AddValue(reverseMap, property, item);
            }
        }
    }

    private static Map ReverseMap(Map result)
    {
        if (result.TryGetValue(Keywords.Reverse, out var existing) && existing is Map map)
        {
            return map;
        }
        map = new Map();
        result[Keywords.Reverse] = map;
        return map;
    }

    private List<object?> ExpandLanguageMap(ActiveContext active, JsonObject languageMap, string? direction)
    {
        var result = new List<object?>();
        foreach (var language in SortedKeys(languageMap))
        {
            var expandedLanguage = ExpandProperty(active, language);
            var values = JsonScalars.Items(languageMap[language]);
            foreach (var item in values)
            {
                if (item is null)
                {
                    continue;
                }
                var text = AsString(item) ?? throw new JsonLdException(JsonLdErrors.InvalidLanguageMapValue, $"The values of a language map must be strings (\"{language}\").");
                var valueObject = new Map { [Keywords.Value] = text };
                if (expandedLanguage != Keywords.None)
                {
                    valueObject[Keywords.Language] = Languages.Checked(language);
                }
                if (direction is not null)
                {
                    valueObject[Keywords.Direction] = direction;
                }
                result.Add(valueObject);
            }
        }
        return result;
    }

    /// <summary>Index, id and type maps (5.1.2, step 13.8).</summary>
    private List<object?> ExpandIndexMap(ActiveContext active, TermDefinition term, string key, JsonObject value, string? baseUrl)
    {
        var container = term.Container;
        var termContext = term.HasScopedContext ? ApplyScopedContext(active, term, overrideProtected: true, propagate: true) : active;
        var indexKey = (container & Containers.Index) != 0 ? term.IndexMapping ?? Keywords.Index
            : (container & Containers.Id) != 0 ? Keywords.Id
            : Keywords.Type;
        var propertyIndex = indexKey is Keywords.Index or Keywords.Id or Keywords.Type ? null : ExpandProperty(active, indexKey);
        var asGraph = (container & Containers.Graph) != 0;
        var result = new List<object?>();
        foreach (var index in SortedKeys(value))
        {
            var mapContext = termContext;
            if (indexKey == Keywords.Type)
            {
                mapContext = termContext.PreviousContext ?? termContext;
                if (mapContext.Term(index) is { HasScopedContext: true } indexTerm)
                {
                    mapContext = ApplyScopedContext(mapContext, indexTerm, overrideProtected: false, propagate: false);
                }
            }
            var items = AsList(Expand(mapContext, key, value[index], baseUrl, insideIndex: true));
            object? expandedIndex = propertyIndex is null
                ? ExpandProperty(mapContext, index)
                : index == Keywords.None ? Keywords.None : ExpandValue(mapContext, indexKey, JsonValue.Create(index));
            foreach (var entry in items)
            {
                var item = entry;
                if (asGraph && !IsGraphObject(item))
                {
                    item = new Map { [Keywords.Graph] = AsList(item) };
                }
                if (item is not Map itemMap)
                {
                    continue;
                }
                if (indexKey == Keywords.Type)
                {
                    if (expandedIndex is string typeIri && typeIri != Keywords.None)
                    {
                        AddValue(itemMap, Keywords.Type, typeIri, prepend: true);
                    }
                }
                else if (IsValueObject(itemMap) && indexKey != Keywords.Index)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidValueObject, $"A value in the index map of \"{key}\" cannot take the property {indexKey}.");
                }
                else if (propertyIndex is not null)
                {
                    if (!Equals(expandedIndex, Keywords.None))
                    {
                        AddValue(itemMap, propertyIndex, expandedIndex, prepend: true);
                    }
                }
                else if (!Equals(expandedIndex, Keywords.None) && !itemMap.ContainsKey(indexKey))
                {
                    itemMap[indexKey] = indexKey == Keywords.Id ? ExpandId(mapContext, index) : index;
                }
                result.Add(itemMap);
            }
        }
        return result;
    }

    private void ExpandTypes(ActiveContext typeScopedContext, string key, JsonNode? value, Map result)
    {
        var written = value switch
        {
            JsonArray array when array.All(item => AsString(item) is not null) => array.Select(item => AsString(item)!).ToList(),
            JsonValue single when AsString(single) is { } type => [type],
            _ => throw new JsonLdException(JsonLdErrors.InvalidTypeValue, $"\"{key}\" must be a string or an array of strings."),
        };
        var types = new List<object?>(written.Count);
        foreach (var type in written)
        {
            var iri = ExpandIri(typeScopedContext, type, documentRelative: true, vocab: true);
            if (iri != Keywords.Json && (iri is null || !Iri.IsAbsoluteOrBlankNode(iri)))
            {
                throw SafeMode.Violation(
                    "relative @type reference", type,
                    $"Safe mode: the type \"{type}\" is not defined by the document's contexts and is not an absolute IRI.");
            }
            types.Add(iri);
        }
        if (!result.ContainsKey(Keywords.Type) && types.Count == 1)
        {
            result[Keywords.Type] = types[0];
        }
        else
        {
            AddValue(result, Keywords.Type, types);
        }
    }

    private string ExpandId(ActiveContext active, string id)
    {
        var iri = ExpandIri(active, id, documentRelative: true, vocab: false);
        if (iri is null)
        {
            throw SafeMode.Violation("reserved @id value", id, $"Safe mode: the identifier \"{id}\" has the form of a keyword.");
        }
        if (!Iri.IsAbsoluteOrBlankNode(iri))
        {
            throw SafeMode.Violation("relative @id reference", id, $"Safe mode: the identifier \"{id}\" is a relative IRI; it must be absolute.");
        }
        return iri;
    }

    /// <summary>Value Expansion (5.3.2).</summary>
    private Map ExpandValue(ActiveContext active, string? activeProperty, JsonValue value)
    {
        var term = activeProperty is null ? null : active.Term(activeProperty);
        var type = term?.TypeMapping;
        var text = AsString(value);
        if (text is not null && (type == Keywords.Id || (activeProperty is not null && ExpandProperty(active, activeProperty) == Keywords.Graph)))
        {
            var iri = ExpandIri(active, text, documentRelative: true, vocab: false)
                ?? throw SafeMode.Violation("reserved @id value", text, $"Safe mode: the identifier \"{text}\" has the form of a keyword.");
            return new Map { [Keywords.Id] = iri };
        }
        if (text is not null && type == Keywords.Vocab)
        {
            return new Map { [Keywords.Id] = ExpandIri(active, text, documentRelative: true, vocab: true) };
        }
        var result = new Map { [Keywords.Value] = Scalar(value) };
        if (type is not null && type is not (Keywords.Id or Keywords.Vocab or Keywords.None))
        {
            result[Keywords.Type] = type;
        }
        else if (text is not null)
        {
            var language = term is { HasLanguage: true } ? term.Language : active.DefaultLanguage;
            if (language is not null)
            {
                result[Keywords.Language] = language;
            }
            var direction = term is { HasDirection: true } ? term.Direction : active.DefaultDirection;
            if (direction is not null)
            {
                result[Keywords.Direction] = direction;
            }
        }
        return result;
    }

    private static void CheckValueObject(Map result, object? value)
    {
        foreach (var key in result.Keys)
        {
            if (key is not (Keywords.Value or Keywords.Type or Keywords.Language or Keywords.Direction or Keywords.Index))
            {
                throw new JsonLdException(JsonLdErrors.InvalidValueObject, $"A value object may not have \"{key}\".");
            }
        }
        var hasType = result.TryGetValue(Keywords.Type, out var type);
        if (hasType && (result.ContainsKey(Keywords.Language) || result.ContainsKey(Keywords.Direction)))
        {
            throw new JsonLdException(JsonLdErrors.InvalidValueObject, "A value object cannot have both @type and @language or @direction.");
        }
        if (type as string == Keywords.Json)
        {
            return;
        }
        if (value is not null and not string && result.ContainsKey(Keywords.Language))
        {
            throw new JsonLdException(JsonLdErrors.InvalidLanguageTaggedValue, "Only strings can have a language.");
        }
        if (hasType && (type is not string typeIri || !Iri.IsAbsolute(typeIri)))
        {
            throw new JsonLdException(JsonLdErrors.InvalidTypedValue, "The @type of a value must be one absolute IRI.");
        }
    }

    /// <summary>
    /// What expansion drops at the top of a document or graph: an empty object, a lone value or list, a node with
    /// only @id. jsonld.js refuses each in safe mode.
    /// </summary>
    private static void RefuseDroppedObject(Map map)
    {
        var (safeModeEvent, what) =
            map.Count == 0 ? ("empty object", "an empty object")
            : map.ContainsKey(Keywords.Value) ? ("object with only @value", "a value that belongs to no property")
            : map.ContainsKey(Keywords.List) ? ("object with only @list", "a list that belongs to no property")
            : map.Count == 1 && map.ContainsKey(Keywords.Id) ? ("object with only @id", $"the node \"{map[Keywords.Id]}\", which has nothing but its identifier,")
            : (null, null);
        if (safeModeEvent is not null)
        {
            throw SafeMode.Violation(safeModeEvent, what!, $"Safe mode: {what} would be dropped from what is signed.");
        }
    }

    private ActiveContext ApplyScopedContext(ActiveContext active, TermDefinition term, bool overrideProtected, bool propagate) =>
        contexts.Process(active, term.ScopedContext, term.BaseUrl, overrideProtected, propagate, localIsShared: term.ScopedContextIsShared);

    private string? ExpandProperty(ActiveContext active, string key) => contexts.ExpandIri(active, key, documentRelative: false, vocab: true);

    private string? ExpandIri(ActiveContext active, string value, bool documentRelative, bool vocab) =>
        contexts.ExpandIri(active, value, documentRelative, vocab);

    private static List<string> SortedKeys(JsonObject element)
    {
        var keys = new List<string>(element.Count);
        foreach (var (key, _) in element)
        {
            keys.Add(key);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static string? AsString(JsonNode? node) => JsonScalars.AsString(node);

    private static object? Scalar(JsonValue value) => JsonScalars.ToExpanded(value);
}

internal static class SafeMode
{
    public static JsonLdSafeModeException Violation(string safeModeEvent, string subject, string message) => new(safeModeEvent, subject, message);
}
