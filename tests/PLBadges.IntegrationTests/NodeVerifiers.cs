using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PLBadges.Credentials.Issuing;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Verifiers that are not ours, run under Node from tests/node/verifiers.mjs with the packages of its lockfile:
/// Digital Bazaar's @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite, and @digitalcredentials/verifier-core
/// (the Learner Credential Wallet's and VerifierPlus's). Nothing they ask for leaves the machine: the shipped
/// contexts, the site's DID documents and status lists (read from the test site under its public https address),
/// and 1EdTech's JSON Schemas are handed to them; anything else (the wallet's issuer registries) answers 404, a
/// boundary this machine cannot reach, so the tests assert on signature, status and schema, not on registries.
/// </summary>
internal static class NodeVerifiers
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string Script => Path.Combine(RepositoryRoot, "tests", "node", "verifiers.mjs");

    /// <summary>What both verifiers said of one credential.</summary>
    public sealed record Verdict(JsonObject DigitalBazaar, JsonObject VerifierCore)
    {
        public bool DigitalBazaarVerified => (bool)DigitalBazaar["verified"]!;

        public bool CoreSignature => (bool)VerifierCore["signature"]!;

        /// <summary>verifier-core's revocation step: true not revoked, false revoked (or unreadable), null no status.</summary>
        public bool? CoreRevocation => (bool?)VerifierCore["revocation"];

        /// <summary>Every schema verifier-core checked the credential against passed (and it checked at least one).</summary>
        public bool CoreSchemaValid => VerifierCore["schema"] is JsonArray { Count: > 0 } results && results.All(r => (bool)r!["valid"]!);

        public override string ToString() => new JsonObject { ["digitalBazaar"] = DigitalBazaar.DeepClone(), ["verifierCore"] = VerifierCore.DeepClone() }.ToJsonString();
    }

    /// <summary>Verifies each credential with both libraries, given everything they will ask for from the site.</summary>
    public static async Task<IReadOnlyList<Verdict>> VerifyAsync(TestSite site, params JsonObject[] credentials)
    {
        var documents = await DocumentsAsync(site, credentials);
        return Run(documents, credentials.Select(c => new JsonObject { ["kind"] = "verify", ["credential"] = c.DeepClone() }))
            .Select(r => new Verdict((JsonObject)r["digitalBazaar"]!, (JsonObject)r["verifierCore"]!)).ToList();
    }

    /// <summary>A wallet's DID Authentication, as the Learner Credential Wallet makes it: a fresh did:key, a presentation signed with Ed25519Signature2020 over the challenge.</summary>
    public static (string Did, JsonObject Presentation) WalletPresentation(string challenge, string? domain = null)
    {
        var job = new JsonObject { ["kind"] = "wallet-did-auth", ["challenge"] = challenge };
        if (domain != null)
        {
            job["domain"] = domain;
        }

        var result = Run(Contexts(), [job])[0];
        Assert.True(result["error"] == null, result.ToJsonString());
        return ((string)result["did"]!, (JsonObject)result["presentation"]!.DeepClone());
    }

    /// <summary>The Learner Credential Wallet's image import of a PNG: the credential it finds, or null with why.</summary>
    public static (JsonObject? Credential, string? Error) WalletPngImport(byte[] png)
    {
        var result = Run(new JsonObject(), [new JsonObject { ["kind"] = "wallet-png-import", ["png"] = Convert.ToBase64String(png) }])[0];
        return (result["credential"] as JsonObject, (string?)result["error"]);
    }

    /// <summary>The shipped contexts, the JSON Schemas, and for each credential (and endorsement inside it) its issuer's DID document and its status list with that issuer's.</summary>
    public static async Task<JsonObject> DocumentsAsync(TestSite site, IEnumerable<JsonObject> credentials)
    {
        var documents = Contexts();
        var schemas = Path.Combine(RepositoryRoot, "src", "Modules", "PLBadges.Credentials", "Schemas");
        documents[CredentialDocument.AchievementSchema] = JsonNode.Parse(File.ReadAllText(Path.Combine(schemas, "ob_v3p0_achievementcredential_schema.json")));
        documents[CredentialDocument.EndorsementSchema] = JsonNode.Parse(File.ReadAllText(Path.Combine(schemas, "ob_v3p0_endorsementcredential_schema.json")));
        var client = site.CreateClient();
        var pending = new Queue<JsonObject>(credentials);
        while (pending.TryDequeue(out var credential))
        {
            await AddDidAsync(client, documents, IssuerIdOf(credential));
            if (credential["credentialStatus"]?["statusListCredential"] is JsonValue list && (string?)list is { } url && !documents.ContainsKey(url))
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url).PathAndQuery);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var published = (JsonObject)JsonNode.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync())!;
                documents[url] = published;
                pending.Enqueue(published);
            }

            foreach (var endorsement in (credential["credentialSubject"]?["achievement"]?["endorsement"] as JsonArray ?? []).OfType<JsonObject>())
            {
                pending.Enqueue(endorsement);
            }
        }

        return documents;
    }

    private static string? IssuerIdOf(JsonObject credential) => credential["issuer"] switch
    {
        JsonObject profile => (string?)profile["id"],
        JsonValue value => (string?)value,
        _ => null,
    };

    private static async Task AddDidAsync(HttpClient client, JsonObject documents, string? did)
    {
        if (did == null || !did.StartsWith("did:web:", StringComparison.Ordinal))
        {
            return;
        }

        var url = PLBadges.Credentials.Signing.IssuerDid.DocumentUrl(did)!;
        if (!documents.ContainsKey(url.ToString()))
        {
            documents[url.ToString()] = JsonNode.Parse(await client.GetStringAsync(url.PathAndQuery));
        }
    }

    private static JsonObject Contexts()
    {
        var contexts = new JsonObject();
        foreach (var url in ShippedContexts.Urls)
        {
            contexts[url] = ShippedContexts.Loader.Load(url).Document.DeepClone();
        }

        return contexts;
    }

    private static IReadOnlyList<JsonObject> Run(JsonObject documents, IEnumerable<JsonObject> jobs)
    {
        Assert.True(Directory.Exists(Path.Combine(RepositoryRoot, "tests", "node", "node_modules", "@digitalcredentials", "verifier-core")),
            "The Node packages of tests/node are not installed: run `npm ci --prefix tests/node --ignore-scripts` (scripts/test.sh does).");
        var request = new JsonObject { ["documents"] = documents, ["jobs"] = new JsonArray(jobs.ToArray<JsonNode?>()) };
        return NodeScript.Run(Script, request).Select(r => (JsonObject)r!).ToList();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PLBadges.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"PLBadges.sln was not found above {AppContext.BaseDirectory}.");
    }
}
