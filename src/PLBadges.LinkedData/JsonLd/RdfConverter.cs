using PLBadges.LinkedData.Rdf;
using static PLBadges.LinkedData.JsonLd.ExpandedForm;
using Map = System.Collections.Generic.Dictionary<string, object?>;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API, 8.1): walks the expanded document and writes statements as it
/// goes. The specification's node map first merges what it says about each node, dropping a value that a
/// property already has; writing while walking gives the same statements if a repeated value is dropped by the
/// same test. That test is jsonld.js's: two values are the same if their JSON values are (so 1e-7 and 0 are two
/// values that both print "0", and jsonld.js writes that statement twice; so do we, since the signature covers
/// it). Blank node identifiers are issued afresh (_:b0, _:b1…), one per label in the document. Literals follow
/// jsonld.js to the byte (see <see cref="JsonNumbers"/>).
/// </summary>
internal sealed class RdfConverter
{
    private static readonly RdfTerm RdfType = RdfTerm.Iri(RdfVocabulary.Type);
    private static readonly RdfTerm RdfFirst = RdfTerm.Iri(RdfVocabulary.First);
    private static readonly RdfTerm RdfRest = RdfTerm.Iri(RdfVocabulary.Rest);
    private static readonly RdfTerm RdfNil = RdfTerm.Iri(RdfVocabulary.Nil);

    private readonly List<Quad> quads = [];
    private readonly HashSet<Quad> links = [];
    private readonly HashSet<ValueKey> values = [];
    private readonly Dictionary<string, RdfTerm> blankNodes = new(StringComparer.Ordinal);
    private int nextBlankNode;

    public static List<Quad> Convert(List<object?> expanded)
    {
        var converter = new RdfConverter();
        foreach (var node in expanded)
        {
            if (node is Map map)
            {
                converter.WriteNode(map, RdfTerm.DefaultGraph);
            }
        }
        return converter.quads;
    }

    private RdfTerm WriteNode(Map node, RdfTerm graph)
    {
        var subject = node.TryGetValue(Keywords.Id, out var id) && id is string identifier ? NodeTerm(identifier, "relative subject reference") : NewBlankNode();
        foreach (var (key, value) in node)
        {
            switch (key)
            {
                case Keywords.Id or Keywords.Index:
                    break;
                case Keywords.Type:
                    foreach (var type in AsList(value))
                    {
                        Write(subject, RdfType, NodeTerm((string)type!, "relative object reference"), graph);
                    }
                    break;
                case Keywords.Reverse:
                    foreach (var (reverseProperty, items) in (Map)value!)
                    {
                        var predicate = PredicateTerm(reverseProperty);
                        foreach (var item in AsList(items))
                        {
                            Write(WriteNode((Map)item!, graph), predicate, subject, graph);
                        }
                    }
                    break;
                case Keywords.Graph:
                    foreach (var item in AsList(value))
                    {
                        if (item is Map inner)
                        {
                            WriteNode(inner, subject);
                        }
                    }
                    break;
                case Keywords.Included:
                    foreach (var item in AsList(value))
                    {
                        WriteNode((Map)item!, graph);
                    }
                    break;
                default:
                    if (Keywords.IsKeyword(key))
                    {
                        break;
                    }
                    var property = PredicateTerm(key);
                    foreach (var item in AsList(value))
                    {
                        if (item is Map valueObject && valueObject.ContainsKey(Keywords.Value))
                        {
                            WriteValue(subject, property, valueObject, graph);
                        }
                        else
                        {
                            Write(subject, property, ObjectTerm(item, graph), graph);
                        }
                    }
                    break;
            }
        }
        return subject;
    }

    private RdfTerm ObjectTerm(object? item, RdfTerm graph)
    {
        var map = (Map)item!;
        if (map.ContainsKey(Keywords.Value))
        {
            return Literal(map);
        }
        if (map.TryGetValue(Keywords.List, out var list))
        {
            return WriteList(AsList(list), graph);
        }
        if (map.Count == 1 && map.TryGetValue(Keywords.Id, out var id))
        {
            // A bare reference: the node is only the object here (jsonld.js reports it as such).
            return NodeTerm((string)id!, "relative object reference");
        }
        return WriteNode(map, graph);
    }

    private RdfTerm WriteList(List<object?> items, RdfTerm graph)
    {
        if (items.Count == 0)
        {
            return RdfNil;
        }
        var head = NewBlankNode();
        var current = head;
        for (var i = 0; i < items.Count; i++)
        {
            Write(current, RdfFirst, ObjectTerm(items[i], graph), graph);
            var next = i + 1 < items.Count ? NewBlankNode() : RdfNil;
            Write(current, RdfRest, next, graph);
            current = next;
        }
        return head;
    }

    private static RdfTerm Literal(Map valueObject)
    {
        var value = valueObject[Keywords.Value];
        var datatype = valueObject.GetValueOrDefault(Keywords.Type) as string;
        if (valueObject.ContainsKey(Keywords.Direction))
        {
            // jsonld.js canonicalizes with no rdfDirection option, and refuses @direction in safe mode.
            throw SafeMode.Violation(
                "rdfDirection not set", Keywords.Direction,
                "Safe mode: @direction has no RDF form when canonicalizing, so it would be dropped.");
        }
        if (datatype == Keywords.Json)
        {
            return RdfTerm.Literal(JsonCanonicalForm.Serialize(((JsonLiteral)value!).Value), RdfVocabulary.JsonLiteral);
        }
        switch (value)
        {
            case bool flag:
                return RdfTerm.Literal(flag ? "true" : "false", datatype ?? RdfVocabulary.XsdBoolean);
            case double number when JsonNumbers.IsDouble(number) || datatype == RdfVocabulary.XsdDouble:
                return RdfTerm.Literal(JavaScriptFloat.ToCanonicalDouble(number), datatype ?? RdfVocabulary.XsdDouble);
            case double number:
                return RdfTerm.Literal(JsonNumbers.ToFixedZero(number), datatype ?? RdfVocabulary.XsdInteger);
            case string text when datatype == RdfVocabulary.XsdDouble:
                // jsonld.js re-reads a string typed as xsd:double with parseFloat and prints it canonically.
                return RdfTerm.Literal(JavaScriptFloat.ToCanonicalDouble(JavaScriptFloat.Parse(text)), datatype);
            case string text when valueObject.TryGetValue(Keywords.Language, out var language):
                return RdfTerm.LanguageLiteral(text, (string)language!);
            case string text:
                return RdfTerm.Literal(text, datatype ?? RdfVocabulary.XsdString);
            default:
                throw new JsonLdException(JsonLdErrors.InvalidValueObjectValue, $"Unexpected value {value} in a value object.");
        }
    }

    private RdfTerm NodeTerm(string id, string safeModeEvent)
    {
        if (Iri.IsBlankNodeIdentifier(id))
        {
            if (!blankNodes.TryGetValue(id, out var blankNode))
            {
                blankNodes[id] = blankNode = NewBlankNode();
            }
            return blankNode;
        }
        if (!Iri.IsAbsolute(id))
        {
            throw SafeMode.Violation(safeModeEvent, id, $"Safe mode: \"{id}\" is not an absolute IRI, so it has no place in RDF.");
        }
        return RdfTerm.Iri(id);
    }

    private static RdfTerm PredicateTerm(string property)
    {
        if (Iri.IsBlankNodeIdentifier(property))
        {
            throw SafeMode.Violation("blank node predicate", property, $"Safe mode: the property \"{property}\" is a blank node, which RDF does not allow as a predicate.");
        }
        if (!Iri.IsAbsolute(property))
        {
            throw SafeMode.Violation("relative predicate reference", property, $"Safe mode: the property \"{property}\" is not an absolute IRI.");
        }
        return RdfTerm.Iri(property);
    }

    private RdfTerm NewBlankNode() => RdfTerm.BlankNode($"b{nextBlankNode++}");

    /// <summary>A statement linking nodes: the same link twice is one (the node map merges references by @id).</summary>
    private void Write(RdfTerm subject, RdfTerm predicate, RdfTerm @object, RdfTerm graph)
    {
        var quad = new Quad(subject, predicate, @object, graph);
        if (links.Add(quad))
        {
            quads.Add(quad);
        }
    }

    /// <summary>A statement with a value: written unless the property already has an equal JSON-LD value.</summary>
    private void WriteValue(RdfTerm subject, RdfTerm predicate, Map valueObject, RdfTerm graph)
    {
        var literal = Literal(valueObject);
        if (ValueKey.Of(subject, predicate, graph, valueObject) is { } key && !values.Add(key))
        {
            return;
        }
        quads.Add(new Quad(subject, predicate, literal, graph));
    }

    /// <summary>
    /// jsonld.js's test for equal value objects (util.compareValues): the same @value by JavaScript's ===, and
    /// the same @type, @language and @index. A JSON literal's object or array is never === another.
    /// </summary>
    private readonly record struct ValueKey(RdfTerm Subject, RdfTerm Predicate, RdfTerm Graph, object Value, string? Type, string? Language, string? Index)
    {
        public static ValueKey? Of(RdfTerm subject, RdfTerm predicate, RdfTerm graph, Map valueObject)
        {
            var value = valueObject[Keywords.Value];
            object? identity = value switch
            {
                // 0 === -0 in JavaScript.
                double number => number == 0 ? 0.0 : number,
                JsonLiteral { Value: System.Text.Json.Nodes.JsonValue scalar } => JsonScalars.ToExpanded(scalar) is double number ? (number == 0 ? 0.0 : number) : JsonScalars.ToExpanded(scalar),
                JsonLiteral { Value: null } => "null literal",
                JsonLiteral => null,
                _ => value,
            };
            return identity is null
                ? null
                : new ValueKey(
                    subject, predicate, graph, identity,
                    valueObject.GetValueOrDefault(Keywords.Type) as string,
                    valueObject.GetValueOrDefault(Keywords.Language) as string,
                    valueObject.GetValueOrDefault(Keywords.Index) as string);
        }
    }
}
