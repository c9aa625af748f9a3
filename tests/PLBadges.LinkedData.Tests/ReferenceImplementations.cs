using System.Text.Json.Nodes;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData.Tests;

/// <summary>The answer of a reference implementation for one job: canonical N-Quads, or the error it raised.</summary>
internal sealed record ReferenceResult(string? NQuads, IReadOnlyDictionary<string, string>? Map, string? Error, string? Code);

/// <summary>
/// jsonld.js 9 and rdf-canonize 5, run under Node (tests/node/cross-check.js) with the packages installed from
/// tests/node/package-lock.json. Independent implementations: the JavaScript code Data Integrity verifiers use.
/// </summary>
internal static class ReferenceImplementations
{
    private static string Script => Path.Combine(TestFiles.Root, "tests", "node", "cross-check.js");

    /// <summary>Canonicalizes N-Quads with rdf-canonize; maxWorkFactor null means no limit.</summary>
    public static IReadOnlyList<ReferenceResult> CanonicalizeNQuads(IEnumerable<string> datasets, string hash = "sha256", int? maxWorkFactor = null) =>
        Run(datasets.Select(input =>
        {
            var job = new JsonObject { ["kind"] = "nquads", ["input"] = input, ["hash"] = hash };
            if (maxWorkFactor is { } factor)
            {
                job["maxWorkFactor"] = factor;
            }
            return job;
        }));

    /// <summary>Canonicalizes JSON-LD documents with jsonld.js in safe mode, over the very contexts this library ships.</summary>
    public static IReadOnlyList<ReferenceResult> CanonicalizeJsonLd(IEnumerable<JsonNode> documents) =>
        Run(documents.Select(document => new JsonObject { ["kind"] = "jsonld", ["document"] = document.DeepClone() }));

    private static IReadOnlyList<ReferenceResult> Run(IEnumerable<JsonObject> jobs)
    {
        Assert.True(
            Directory.Exists(Path.Combine(TestFiles.NodeModules, "jsonld")) && Directory.Exists(Path.Combine(TestFiles.NodeModules, "rdf-canonize")),
            $"jsonld and rdf-canonize are not installed in {TestFiles.NodeModules}: run `npm ci --prefix tests/node`.");
        var contexts = new JsonObject();
        foreach (var url in ShippedContexts.Urls)
        {
            contexts[url] = ShippedContexts.Loader.Load(url).Document.DeepClone();
        }
        var request = new JsonObject { ["contexts"] = contexts, ["jobs"] = new JsonArray(jobs.ToArray<JsonNode?>()) };

        return NodeScript.Run(Script, request).Select(result => new ReferenceResult(
            result!["nquads"]?.GetValue<string>(),
            result["map"]?.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>()),
            result["error"]?.GetValue<string>(),
            result["code"]?.GetValue<string>())).ToList();
    }
}
