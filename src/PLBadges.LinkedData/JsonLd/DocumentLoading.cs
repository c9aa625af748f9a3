using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>A context document: its URL (the base for relative references inside it) and its parsed JSON.</summary>
/// <remarks>
/// The JSON is shared between threads and must never be changed after loading; a loader returns the same
/// instance for the same URL, which is what lets processing it be cached.
/// </remarks>
public sealed record RemoteDocument(string DocumentUrl, JsonNode Document);

/// <summary>
/// Finds the documents that contexts name by URL. Implementations never reach the network: a JSON-LD
/// document can name any URL, and fetching it would let a caller steer the server's requests and change what
/// a signature covers.
/// </summary>
public interface IDocumentLoader
{
    /// <exception cref="JsonLdException">Code "loading remote context failed": the URL is not one this loader serves; the message names it.</exception>
    RemoteDocument Load(string url);
}

/// <summary>Serves a fixed set of documents held in memory (extra contexts, test documents), then asks the next loader.</summary>
public sealed class InMemoryDocumentLoader : IDocumentLoader
{
    private readonly Dictionary<string, RemoteDocument> documents;
    private readonly IDocumentLoader? next;

    public InMemoryDocumentLoader(IEnumerable<KeyValuePair<string, JsonNode>> documents, IDocumentLoader? next = null)
    {
        this.documents = documents.ToDictionary(
            pair => pair.Key,
            pair => new RemoteDocument(pair.Key, JsonTree.Freeze(pair.Value.DeepClone())),
            StringComparer.Ordinal);
        this.next = next;
    }

    public RemoteDocument Load(string url) =>
        documents.TryGetValue(url, out var document) ? document
        : next is not null ? next.Load(url)
        : throw NotServed(url);

    internal static JsonLdException NotServed(string url) => new(
        JsonLdErrors.LoadingRemoteContextFailed,
        $"The context \"{url}\" is not one of the contexts shipped with PLBadges.LinkedData, and contexts are never fetched.");
}

internal static class JsonTree
{
    /// <summary>
    /// Materializes every lazily-built part of a JsonNode tree (JsonObject and JsonArray fill themselves on first
    /// read, which is not thread-safe), so that it can then be read from many threads.
    /// </summary>
    public static JsonNode Freeze(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Freeze(child);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Freeze(child);
                    }
                }
                break;
        }
        return node;
    }
}
