using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Content;

internal static class ContentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string Serialize(MicroCredentialContent content) => JsonSerializer.Serialize(content, Options);

    public static MicroCredentialContent Deserialize(string json) => JsonSerializer.Deserialize<MicroCredentialContent>(json, Options)!;

    /// <summary>The same content always hashes the same, so "publish" of unchanged content makes no new version.</summary>
    public static string Hash(MicroCredentialContent content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(content))));
}
