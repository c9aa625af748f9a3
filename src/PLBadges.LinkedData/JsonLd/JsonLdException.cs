namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// A JSON-LD processing error. <see cref="Code"/> is the error code the JSON-LD 1.1 API specification gives
/// (for example "invalid term definition" or "loading remote context failed").
/// </summary>
public class JsonLdException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The document would lose or change information when turned into RDF: a term no context defines, a relative
/// IRI where RDF needs an absolute one, a value dropped as free-floating. jsonld.js in safe mode refuses the
/// same documents (<see cref="SafeModeEvent"/> is its event code), so nothing is signed that a reference
/// verifier cannot verify. <see cref="Subject"/> names the term or value at fault.
/// </summary>
public sealed class JsonLdSafeModeException(string safeModeEvent, string subject, string message)
    : JsonLdException("safe mode violation", message)
{
    public string SafeModeEvent { get; } = safeModeEvent;

    public string Subject { get; } = subject;
}

internal static class JsonLdErrors
{
    public const string CollidingKeywords = "colliding keywords";
    public const string ContextOverflow = "context overflow";
    public const string CyclicIriMapping = "cyclic IRI mapping";
    public const string InvalidBaseDirection = "invalid base direction";
    public const string InvalidBaseIri = "invalid base IRI";
    public const string InvalidContainerMapping = "invalid container mapping";
    public const string InvalidContextEntry = "invalid context entry";
    public const string InvalidContextNullification = "invalid context nullification";
    public const string InvalidDefaultLanguage = "invalid default language";
    public const string InvalidIdValue = "invalid @id value";
    public const string InvalidImportValue = "invalid @import value";
    public const string InvalidIncludedValue = "invalid @included value";
    public const string InvalidIndexValue = "invalid @index value";
    public const string InvalidIriMapping = "invalid IRI mapping";
    public const string InvalidKeywordAlias = "invalid keyword alias";
    public const string InvalidLanguageMapping = "invalid language mapping";
    public const string InvalidLanguageMapValue = "invalid language map value";
    public const string InvalidLanguageTaggedString = "invalid language-tagged string";
    public const string InvalidLanguageTaggedValue = "invalid language-tagged value";
    public const string InvalidLocalContext = "invalid local context";
    public const string InvalidNestValue = "invalid @nest value";
    public const string InvalidPrefixValue = "invalid @prefix value";
    public const string InvalidPropagateValue = "invalid @propagate value";
    public const string InvalidProtectedValue = "invalid @protected value";
    public const string InvalidRemoteContext = "invalid remote context";
    public const string InvalidReverseProperty = "invalid reverse property";
    public const string InvalidReversePropertyMap = "invalid reverse property map";
    public const string InvalidReversePropertyValue = "invalid reverse property value";
    public const string InvalidReverseValue = "invalid @reverse value";
    public const string InvalidScopedContext = "invalid scoped context";
    public const string InvalidSetOrListObject = "invalid set or list object";
    public const string InvalidTermDefinition = "invalid term definition";
    public const string InvalidTypeMapping = "invalid type mapping";
    public const string InvalidTypeValue = "invalid type value";
    public const string InvalidTypedValue = "invalid typed value";
    public const string InvalidValueObject = "invalid value object";
    public const string InvalidValueObjectValue = "invalid value object value";
    public const string InvalidVersionValue = "invalid @version value";
    public const string InvalidVocabMapping = "invalid vocab mapping";
    public const string KeywordRedefinition = "keyword redefinition";
    public const string LoadingRemoteContextFailed = "loading remote context failed";
    public const string ProtectedTermRedefinition = "protected term redefinition";
}
