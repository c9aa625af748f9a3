using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// Context processing and term definition (JSON-LD 1.1 API, 4.1 and 4.2), and IRI expansion (5.2), in JSON-LD 1.1
/// processing mode. Where the specification lets a processor warn and go on, this one refuses, as jsonld.js
/// does in safe mode. Contexts that come only from shipped documents are processed once and cached.
/// </summary>
internal sealed class ContextProcessor(IDocumentLoader loader, ContextCache cache)
{
    // jsonld.js allows ten nested remote contexts.
    private const int MaxRemoteContexts = 10;

    private static readonly string[] ContextKeywords =
        [Keywords.Base, Keywords.Direction, Keywords.Import, Keywords.Language, Keywords.Propagate, Keywords.Protected, Keywords.Version, Keywords.Vocab];

    private static readonly string[] TermDefinitionKeys =
        [Keywords.Id, Keywords.Reverse, Keywords.Container, Keywords.Context, Keywords.Direction, Keywords.Index, Keywords.Language, Keywords.Nest, Keywords.Prefix, Keywords.Protected, Keywords.Type];

    /// <summary>The initial context of a document with no base IRI (how verifiers canonicalize): shared, so it can key the cache.</summary>
    public static ActiveContext InitialContext { get; } = new(null) { IsShared = true };

    /// <param name="localIsShared">The local context is part of a shipped document, so it may be cached by reference.</param>
    public ActiveContext Process(
        ActiveContext active,
        JsonNode? local,
        string? baseUrl,
        bool overrideProtected = false,
        bool propagate = true,
        bool validateScopedContext = true,
        bool localIsShared = false,
        ImmutableHashSet<string>? remoteContexts = null)
    {
        remoteContexts ??= [];
        var url = AsString(local);
        var isUrl = url is not null;
        var cacheable = active.IsShared && validateScopedContext && (localIsShared || isUrl);
        if (!cacheable)
        {
            return ProcessUncached(active, local, baseUrl, overrideProtected, propagate, validateScopedContext, localIsShared, remoteContexts);
        }
        object key = url ?? (object)local!;
        return cache.GetOrAdd(
            new ContextCacheKey(active, key, baseUrl, overrideProtected, propagate),
            () => ProcessUncached(active, local, baseUrl, overrideProtected, propagate, validateScopedContext, localIsShared, remoteContexts));
    }

    private ActiveContext ProcessUncached(
        ActiveContext active,
        JsonNode? local,
        string? baseUrl,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool localIsShared,
        ImmutableHashSet<string> remoteContexts)
    {
        if (local is JsonObject localObject && localObject.TryGetPropertyValue(Keywords.Propagate, out var propagateNode))
        {
            propagate = AsBoolean(propagateNode) ?? throw new JsonLdException(JsonLdErrors.InvalidPropagateValue, "@propagate must be true or false.");
        }
        var result = active;
        if (!propagate && result.PreviousContext is null)
        {
            result = result.Clone();
            result.PreviousContext = active;
        }
        var items = JsonScalars.Items(local);
        foreach (var context in items)
        {
            switch (context)
            {
                case null:
                    if (!overrideProtected && result.HasProtectedTerms)
                    {
                        throw new JsonLdException(
                            JsonLdErrors.InvalidContextNullification,
                            "A context cannot be set to null while it has protected terms.");
                    }
                    var previous = result;
                    result = active.OriginalBaseUrl is null ? InitialContext : new ActiveContext(active.OriginalBaseUrl);
                    if (!propagate)
                    {
                        result = result.Clone();
                        result.PreviousContext = previous;
                    }
                    break;
                case JsonValue value when AsString(value) is { } reference:
                    result = ProcessRemote(result, reference, baseUrl, overrideProtected, validateScopedContext, remoteContexts);
                    break;
                case JsonObject definition:
                    result = ProcessDefinition(result, definition, baseUrl, overrideProtected, validateScopedContext, localIsShared, remoteContexts);
                    break;
                default:
                    throw new JsonLdException(JsonLdErrors.InvalidLocalContext, $"A context must be a URL, an object or null, not {context.ToJsonString()}.");
            }
        }
        return result;
    }

    private ActiveContext ProcessRemote(
        ActiveContext result, string reference, string? baseUrl, bool overrideProtected, bool validateScopedContext, ImmutableHashSet<string> remoteContexts)
    {
        var url = Iri.Resolve(reference, baseUrl);
        if (!validateScopedContext && remoteContexts.Contains(url))
        {
            return result;
        }
        if (remoteContexts.Count >= MaxRemoteContexts)
        {
            throw new JsonLdException(JsonLdErrors.ContextOverflow, $"Too many nested remote contexts at \"{url}\".");
        }
        var document = loader.Load(url);
        if (document.Document is not JsonObject root || !root.TryGetPropertyValue(Keywords.Context, out var loaded))
        {
            throw new JsonLdException(JsonLdErrors.InvalidRemoteContext, $"The document \"{url}\" has no top-level @context.");
        }
        return Process(result, loaded, document.DocumentUrl, overrideProtected, propagate: true, validateScopedContext, localIsShared: true, remoteContexts.Add(url));
    }

    private ActiveContext ProcessDefinition(
        ActiveContext active,
        JsonObject context,
        string? baseUrl,
        bool overrideProtected,
        bool validateScopedContext,
        bool localIsShared,
        ImmutableHashSet<string> remoteContexts)
    {
        var result = active.Clone();
        var entries = new Dictionary<string, LocalEntry>(StringComparer.Ordinal);
        if (context.TryGetPropertyValue(Keywords.Version, out var version) &&
            !(version is JsonValue v && v.GetValueKind() == JsonValueKind.Number && JsonNumbers.ToDouble(v) == 1.1))
        {
            throw new JsonLdException(JsonLdErrors.InvalidVersionValue, "@version must be 1.1.");
        }
        if (context.TryGetPropertyValue(Keywords.Import, out var import))
        {
            AddImportedEntries(entries, import, baseUrl);
        }
        foreach (var (key, value) in context)
        {
            entries[key] = new LocalEntry(value, localIsShared);
        }

        if (entries.TryGetValue(Keywords.Base, out var baseEntry) && remoteContexts.IsEmpty)
        {
            result.BaseIri = baseEntry.Value switch
            {
                null => null,
                JsonValue b when AsString(b) is { } absolute && Iri.IsAbsolute(absolute) => absolute,
                JsonValue b when AsString(b) is { } relative && result.BaseIri is not null => Iri.Resolve(relative, result.BaseIri),
                _ => throw new JsonLdException(JsonLdErrors.InvalidBaseIri, $"@base {baseEntry.Value?.ToJsonString()} is not an IRI that can be resolved."),
            };
        }
        if (entries.TryGetValue(Keywords.Vocab, out var vocabEntry))
        {
            result.Vocabulary = vocabEntry.Value switch
            {
                null => null,
                JsonValue vocab when AsString(vocab) is { } vocabulary => ExpandVocabulary(result, vocabulary),
                _ => throw new JsonLdException(JsonLdErrors.InvalidVocabMapping, "@vocab must be an IRI or null."),
            };
        }
        if (entries.TryGetValue(Keywords.Language, out var languageEntry))
        {
            result.DefaultLanguage = languageEntry.Value switch
            {
                null => null,
                JsonValue language when AsString(language) is { } tag => Languages.Checked(tag),
                _ => throw new JsonLdException(JsonLdErrors.InvalidDefaultLanguage, "@language must be a string or null."),
            };
        }
        if (entries.TryGetValue(Keywords.Direction, out var directionEntry))
        {
            result.DefaultDirection = ReadDirection(directionEntry.Value);
        }
        if (entries.TryGetValue(Keywords.Propagate, out var propagateEntry) && AsBoolean(propagateEntry.Value) is null)
        {
            throw new JsonLdException(JsonLdErrors.InvalidPropagateValue, "@propagate must be true or false.");
        }
        var protectedByDefault = false;
        if (entries.TryGetValue(Keywords.Protected, out var protectedEntry))
        {
            protectedByDefault = AsBoolean(protectedEntry.Value)
                ?? throw new JsonLdException(JsonLdErrors.InvalidProtectedValue, "@protected must be true or false.");
            if (!protectedByDefault)
            {
                // Valid JSON-LD, but jsonld.js 9 fails on it ("cyclic IRI mapping"), so no verifier could check it.
                throw new JsonLdException(
                    JsonLdErrors.InvalidContextEntry,
                    "A context with \"@protected\": false cannot be verified by jsonld.js; leave @protected out instead.");
            }
        }

        var scope = new DefinitionScope(entries, baseUrl, protectedByDefault, overrideProtected);
        foreach (var (term, entry) in entries)
        {
            if (Array.IndexOf(ContextKeywords, term) >= 0)
            {
                continue;
            }
            CreateTermDefinition(result, scope, term);
            if (validateScopedContext && entry.Value is JsonObject definition && definition.TryGetPropertyValue(Keywords.Context, out var scoped))
            {
                ValidateScopedContext(result, term, scoped, baseUrl, remoteContexts);
            }
        }
        return result;
    }

    /// <summary>A scoped context is processed when its term is defined, so that an error in it is found at once (4.2.2, step 23.3).</summary>
    private void ValidateScopedContext(ActiveContext result, string term, JsonNode? scoped, string? baseUrl, ImmutableHashSet<string> remoteContexts)
    {
        try
        {
            Process(result, scoped, baseUrl, overrideProtected: true, validateScopedContext: false, remoteContexts: remoteContexts);
        }
        catch (JsonLdException error) when (error.Code != JsonLdErrors.LoadingRemoteContextFailed && error is not JsonLdSafeModeException)
        {
            throw new JsonLdException(JsonLdErrors.InvalidScopedContext, $"The scoped context of \"{term}\" is invalid: {error.Message}");
        }
    }

    private void AddImportedEntries(Dictionary<string, LocalEntry> entries, JsonNode? import, string? baseUrl)
    {
        var reference = AsString(import) ?? throw new JsonLdException(JsonLdErrors.InvalidImportValue, "@import must be a URL.");
        var url = Iri.Resolve(reference, baseUrl);
        var document = loader.Load(url);
        if (document.Document is not JsonObject root || !root.TryGetPropertyValue(Keywords.Context, out var imported) || imported is not JsonObject importedContext)
        {
            throw new JsonLdException(JsonLdErrors.InvalidRemoteContext, $"The imported document \"{url}\" has no @context object.");
        }
        if (importedContext.ContainsKey(Keywords.Import))
        {
            throw new JsonLdException(JsonLdErrors.InvalidContextEntry, $"The imported context \"{url}\" may not import another.");
        }
        foreach (var (key, entry) in importedContext)
        {
            entries[key] = new LocalEntry(entry, Shared: true);
        }
    }

    private string ExpandVocabulary(ActiveContext result, string vocabulary)
    {
        var expanded = ExpandIri(result, vocabulary, documentRelative: true, vocab: true)!;
        if (!Iri.IsAbsoluteOrBlankNode(expanded))
        {
            throw new JsonLdSafeModeException(
                "relative @vocab reference", vocabulary,
                $"Safe mode: @vocab \"{vocabulary}\" is not an absolute IRI, so terms would expand to relative IRIs.");
        }
        return expanded;
    }

    private static string? ReadDirection(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when AsString(value) is "ltr" or "rtl" => AsString(value),
        _ => throw new JsonLdException(JsonLdErrors.InvalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null."),
    };

    private static bool? AsBoolean(JsonNode? node) => JsonScalars.AsBoolean(node);

    private static string? AsString(JsonNode? node) => JsonScalars.AsString(node);

    /// <summary>Create Term Definition (JSON-LD 1.1 API, 4.2.2).</summary>
    private void CreateTermDefinition(ActiveContext active, DefinitionScope scope, string term)
    {
        if (scope.Defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }
            throw new JsonLdException(JsonLdErrors.CyclicIriMapping, $"The term \"{term}\" is defined through itself.");
        }
        if (term.Length == 0)
        {
            throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A term may not be the empty string.");
        }
        scope.Defined[term] = false;
        var entry = scope.Entries[term];
        var value = entry.Value;

        if (term == Keywords.Type)
        {
            // @type may only be given @container @set (and @protected) in JSON-LD 1.1.
            if (value is not JsonObject typeDefinition ||
                !typeDefinition.All(pair => pair.Key is Keywords.Container or Keywords.Protected) ||
                AsString(typeDefinition[Keywords.Container]) != Keywords.Set)
            {
                throw new JsonLdException(JsonLdErrors.KeywordRedefinition, "@type may only be given \"@container\": \"@set\".");
            }
        }
        else if (Keywords.IsKeyword(term))
        {
            throw new JsonLdException(JsonLdErrors.KeywordRedefinition, $"The keyword {term} cannot be redefined.");
        }
        else if (Keywords.HasKeywordForm(term))
        {
            throw new JsonLdSafeModeException("reserved term", term, $"Safe mode: \"{term}\" has the form of a keyword and would be ignored.");
        }

        var previous = active.Term(term);
        active.RemoveTerm(term);

        bool simpleTerm;
        JsonObject definitionValue;
        switch (value)
        {
            case null:
                definitionValue = new JsonObject { [Keywords.Id] = null };
                simpleTerm = true;
                break;
            case JsonValue s when AsString(s) is { } iri:
                definitionValue = new JsonObject { [Keywords.Id] = iri };
                simpleTerm = true;
                break;
            case JsonObject o:
                definitionValue = o;
                simpleTerm = false;
                break;
            default:
                throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, $"The definition of \"{term}\" must be a string, an object or null.");
        }
        foreach (var (key, _) in definitionValue)
        {
            if (Array.IndexOf(TermDefinitionKeys, key) < 0)
            {
                throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, $"The definition of \"{term}\" may not contain \"{key}\".");
            }
        }

        var definition = new TermDefinition();
        if (definitionValue.TryGetPropertyValue(Keywords.Protected, out var protectedNode))
        {
            definition.IsProtected = AsBoolean(protectedNode)
                ?? throw new JsonLdException(JsonLdErrors.InvalidProtectedValue, $"@protected of \"{term}\" must be true or false.");
        }
        else
        {
            definition.IsProtected = scope.ProtectedByDefault;
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Type, out var typeNode))
        {
            var type = AsString(typeNode) ?? throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, $"The @type of \"{term}\" must be a string.");
            if (type is not (Keywords.Id or Keywords.Vocab or Keywords.Json or Keywords.None))
            {
                type = ExpandIri(active, type, documentRelative: false, vocab: true, scope);
                if (type is null || !Iri.IsAbsolute(type))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, $"The @type of \"{term}\" must expand to an IRI.");
                }
            }
            definition.TypeMapping = type;
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Reverse, out var reverseNode))
        {
            if (definitionValue.ContainsKey(Keywords.Id) || definitionValue.ContainsKey(Keywords.Nest))
            {
                throw new JsonLdException(JsonLdErrors.InvalidReverseProperty, $"The reverse property \"{term}\" may not have @id or @nest.");
            }
            var reverse = AsString(reverseNode) ?? throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The @reverse of \"{term}\" must be a string.");
            if (Keywords.HasKeywordForm(reverse))
            {
                throw new JsonLdSafeModeException("reserved @reverse value", term, $"Safe mode: the @reverse of \"{term}\" has the form of a keyword and would be ignored.");
            }
            var iri = ExpandIri(active, reverse, documentRelative: false, vocab: true, scope);
            if (iri is null || !Iri.IsAbsoluteOrBlankNode(iri))
            {
                throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The @reverse of \"{term}\" must expand to an IRI or blank node identifier.");
            }
            definition.IriMapping = iri;
            if (definitionValue.TryGetPropertyValue(Keywords.Container, out var reverseContainer))
            {
                definition.Container = reverseContainer is null ? Containers.None : ReadContainer(term, reverseContainer, definition);
                if ((definition.Container & ~(Containers.Set | Containers.Index)) != 0)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidReverseProperty, $"The reverse property \"{term}\" may only have an @set or @index container.");
                }
            }
            definition.IsReverse = true;
            Finish(active, scope, term, definition, previous);
            return;
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Id, out var idNode) && AsString(idNode) != term)
        {
            if (idNode is null)
            {
                definition.IriMapping = null;
            }
            else
            {
                var id = AsString(idNode) ?? throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The @id of \"{term}\" must be a string.");
                if (!Keywords.IsKeyword(id) && Keywords.HasKeywordForm(id))
                {
                    throw new JsonLdSafeModeException("reserved @id value", term, $"Safe mode: the @id of \"{term}\" has the form of a keyword and would be ignored.");
                }
                var iri = ExpandIri(active, id, documentRelative: false, vocab: true, scope);
                if (iri is null || !(Keywords.IsKeyword(iri) || Iri.IsAbsoluteOrBlankNode(iri)))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The @id of \"{term}\" must expand to an IRI, a blank node identifier or a keyword.");
                }
                if (iri == Keywords.Context)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidKeywordAlias, "@context cannot be aliased.");
                }
                definition.IriMapping = iri;
                var innerColon = term.Length > 2 ? term.IndexOf(':', 1, term.Length - 2) : -1;
                if (innerColon > 0 || term.Contains('/'))
                {
                    // A term that looks like an IRI must mean that IRI.
                    scope.Defined[term] = true;
                    if (ExpandIri(active, term, documentRelative: false, vocab: true, scope) != iri)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The term \"{term}\" looks like an IRI but is defined as another.");
                    }
                }
                if (!term.Contains(':') && !term.Contains('/') && simpleTerm &&
                    (Iri.IsBlankNodeIdentifier(iri) || (iri.Length > 0 && iri[^1] is ':' or '/' or '?' or '#' or '[' or ']' or '@')))
                {
                    definition.IsPrefix = true;
                }
            }
        }
        else if (term.Length > 1 && term.IndexOf(':', 1) is var colon and > 0)
        {
            var prefix = term[..colon];
            var suffix = term[(colon + 1)..];
            if (scope.Entries.ContainsKey(prefix))
            {
                CreateTermDefinition(active, scope, prefix);
            }
            definition.IriMapping = active.TryGetTerm(prefix, out var prefixDefinition) && prefixDefinition.IriMapping is not null
                ? prefixDefinition.IriMapping + suffix
                : term;
        }
        else if (term.Contains('/'))
        {
            var iri = ExpandIri(active, term, documentRelative: false, vocab: true, scope);
            if (iri is null || !Iri.IsAbsolute(iri))
            {
                throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The term \"{term}\" must expand to an IRI.");
            }
            definition.IriMapping = iri;
        }
        else if (term == Keywords.Type)
        {
            definition.IriMapping = Keywords.Type;
        }
        else if (active.Vocabulary is not null)
        {
            definition.IriMapping = active.Vocabulary + term;
        }
        else
        {
            throw new JsonLdException(JsonLdErrors.InvalidIriMapping, $"The term \"{term}\" has no @id and there is no @vocab to make one.");
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Container, out var containerNode))
        {
            // jsonld.js reads a null container as no container.
            definition.Container = containerNode is null ? Containers.None : ReadContainer(term, containerNode, definition);
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Index, out var indexNode))
        {
            var index = AsString(indexNode);
            if ((definition.Container & Containers.Index) == 0 || index is null || index.StartsWith('@') ||
                ExpandIri(active, index, documentRelative: false, vocab: true, scope) is not { } indexIri || !Iri.IsAbsolute(indexIri))
            {
                throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, $"The @index of \"{term}\" must be a property IRI and needs an @index container.");
            }
            definition.IndexMapping = index;
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Context, out var scopedContext))
        {
            definition.ScopedContext = scopedContext;
            definition.HasScopedContext = true;
            definition.BaseUrl = scope.BaseUrl;
            definition.ScopedContextIsShared = entry.Shared;
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Language, out var languageNode) && !definitionValue.ContainsKey(Keywords.Type))
        {
            definition.HasLanguage = true;
            definition.Language = languageNode switch
            {
                null => null,
                JsonValue language when AsString(language) is { } tag => tag.ToLowerInvariant(),
                _ => throw new JsonLdException(JsonLdErrors.InvalidLanguageMapping, $"The @language of \"{term}\" must be a string or null."),
            };
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Direction, out var directionNode))
        {
            definition.HasDirection = true;
            definition.Direction = ReadDirection(directionNode);
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Nest, out var nestNode))
        {
            var nest = AsString(nestNode);
            if (nest is null || (nest != Keywords.Nest && nest.StartsWith('@')))
            {
                throw new JsonLdException(JsonLdErrors.InvalidNestValue, $"The @nest of \"{term}\" must be a term or @nest.");
            }
            definition.NestValue = nest;
        }

        if (definitionValue.TryGetPropertyValue(Keywords.Prefix, out var prefixNode))
        {
            if (term.Contains(':') || term.Contains('/'))
            {
                throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, $"\"{term}\" looks like an IRI and cannot be a prefix.");
            }
            definition.IsPrefix = AsBoolean(prefixNode)
                ?? throw new JsonLdException(JsonLdErrors.InvalidPrefixValue, $"@prefix of \"{term}\" must be true or false.");
            if (definition.IsPrefix && Keywords.IsKeyword(definition.IriMapping))
            {
                throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, $"The keyword alias \"{term}\" cannot be a prefix.");
            }
        }

        Finish(active, scope, term, definition, previous);
    }

    private static void Finish(ActiveContext active, DefinitionScope scope, string term, TermDefinition definition, TermDefinition? previous)
    {
        if (!scope.OverrideProtected && previous is { IsProtected: true })
        {
            if (!definition.SameAs(previous))
            {
                throw new JsonLdException(JsonLdErrors.ProtectedTermRedefinition, $"The protected term \"{term}\" cannot be redefined.");
            }
            definition = previous;
        }
        active.SetTerm(term, definition);
        scope.Defined[term] = true;
    }

    private static Containers ReadContainer(string term, JsonNode? node, TermDefinition definition)
    {
        var values = JsonScalars.Items(node);
        var container = Containers.None;
        var count = 0;
        foreach (var value in values)
        {
            count++;
            container |= AsString(value) switch
            {
                Keywords.Graph => Containers.Graph,
                Keywords.Id => Containers.Id,
                Keywords.Index => Containers.Index,
                Keywords.Language => Containers.Language,
                Keywords.List => Containers.List,
                Keywords.Set => Containers.Set,
                Keywords.Type => Containers.Type,
                _ => throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, $"The @container of \"{term}\" is not valid."),
            };
        }
        var valid = container switch
        {
            Containers.List => count == 1,
            _ when (container & Containers.List) != 0 => false,
            _ when (container & Containers.Graph) != 0 => (container & ~(Containers.Graph | Containers.Id | Containers.Index | Containers.Set)) == 0 &&
                                                          (container & (Containers.Id | Containers.Index)) != (Containers.Id | Containers.Index),
            _ => BitCount(container & ~Containers.Set) <= 1,
        };
        if (!valid)
        {
            throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, $"The @container of \"{term}\" combines containers that cannot go together.");
        }
        if ((container & Containers.Type) != 0)
        {
            definition.TypeMapping ??= Keywords.Id;
            if (definition.TypeMapping is not (Keywords.Id or Keywords.Vocab))
            {
                throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, $"\"{term}\" has an @type container, so its @type must be @id or @vocab.");
            }
        }
        return container;
    }

    private static int BitCount(Containers value) => System.Numerics.BitOperations.PopCount((uint)value);

    /// <summary>IRI Expansion (JSON-LD 1.1 API, 5.2.2); null when the value maps to nothing.</summary>
    public string? ExpandIri(ActiveContext active, string value, bool documentRelative, bool vocab) =>
        ExpandIri(active, value, documentRelative, vocab, scope: null);

    private string? ExpandIri(ActiveContext active, string value, bool documentRelative, bool vocab, DefinitionScope? scope)
    {
        if (Keywords.IsKeyword(value))
        {
            return value;
        }
        if (Keywords.HasKeywordForm(value))
        {
            return null;
        }
        if (scope is not null && scope.Entries.ContainsKey(value) && !(scope.Defined.TryGetValue(value, out var defined) && defined))
        {
            CreateTermDefinition(active, scope, value);
        }
        var definition = active.Term(value);
        if (definition is not null && Keywords.IsKeyword(definition.IriMapping))
        {
            return definition.IriMapping;
        }
        if (vocab && definition is not null)
        {
            return definition.IriMapping;
        }
        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return value;
            }
            if (scope is not null && scope.Entries.ContainsKey(prefix) && !(scope.Defined.TryGetValue(prefix, out var prefixDefined) && prefixDefined))
            {
                CreateTermDefinition(active, scope, prefix);
            }
            if (active.Term(prefix) is { IriMapping: not null, IsPrefix: true } prefixDefinition)
            {
                return prefixDefinition.IriMapping + suffix;
            }
            if (Iri.IsAbsolute(value))
            {
                return value;
            }
        }
        if (vocab && active.Vocabulary is not null)
        {
            return active.Vocabulary + value;
        }
        if (documentRelative)
        {
            return Iri.Resolve(value, active.BaseIri);
        }
        return value;
    }

    private readonly record struct LocalEntry(JsonNode? Value, bool Shared);

    /// <summary>The state of defining the terms of one local context: its entries and which are done (for cycles and dependencies).</summary>
    private sealed class DefinitionScope(
        Dictionary<string, LocalEntry> entries,
        string? baseUrl,
        bool protectedByDefault,
        bool overrideProtected)
    {
        public Dictionary<string, LocalEntry> Entries { get; } = entries;

        public Dictionary<string, bool> Defined { get; } = new(StringComparer.Ordinal);

        public string? BaseUrl { get; } = baseUrl;

        public bool ProtectedByDefault { get; } = protectedByDefault;

        public bool OverrideProtected { get; } = overrideProtected;
    }
}
