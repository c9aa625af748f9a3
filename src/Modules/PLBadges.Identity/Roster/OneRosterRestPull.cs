using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Rules;

namespace PLBadges.Identity.Roster;

/// <summary>What a OneRoster 1.2 REST pull needs: the service, its token endpoint and the client's credentials.</summary>
public sealed record OneRosterRestSource(string BaseUrl, string TokenUrl, string ClientId, string ClientSecret);

/// <summary>
/// Reads a district's staff from a OneRoster 1.2 REST service into the same <see cref="RosterPackage"/>
/// a CSV package gives, so the planner applies the same rules (roles, leavers, students never kept).
/// A token by OAuth 2.0 client credentials with the roster-core read-only scope, then <c>/orgs</c>
/// and <c>/users</c> page by page (<c>limit</c>, <c>offset</c>). A full pull gives every record
/// (whoever is missing has left); a delta asks only for what changed since the last pull
/// (<c>filter=dateLastModified&gt;'…'</c>). Every call goes through the guarded client.
/// </summary>
public sealed class OneRosterRestPull(GuardedHttpClients http, IOptions<RosterSyncOptions> options)
{
    public const string Client = "oneroster-rest";
    public const string Scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    public const string ApiPath = "/ims/oneroster/rostering/v1p2";
    public const string Format = "OneRoster 1.2";

    /// <summary>Pulls the district's orgs and users; <paramref name="since"/> null for a full pull.</summary>
    public async Task<RosterPackage> PullAsync(OneRosterRestSource source, DateTime? since, CancellationToken cancellationToken)
    {
        using var client = http.Create(Client);
        var token = await TokenAsync(client, source, cancellationToken);
        var mode = since == null ? RosterFileMode.Bulk : RosterFileMode.Delta;
        var package = new RosterPackage { Format = Format, OrgsMode = mode, UsersMode = mode, RolesMode = mode, RolesWithUsers = true };
        var filter = since is { } from ? $"dateLastModified>'{DateTime.SpecifyKind(from, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}'" : null;

        var orgsSeen = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        await foreach (var org in PagesAsync(client, source, token, "orgs", filter, cancellationToken))
        {
            line++;
            var sourcedId = Text(org, "sourcedId");
            if (sourcedId.Length is 0 or > 256)
            {
                package.Errors.Add(new RosterProblem("orgs (REST)", line, "sourcedId is missing or longer than 256 characters."));
                continue;
            }

            var name = DisplayText.Clean(Text(org, "name"));
            if (!orgsSeen.Add(sourcedId))
            {
                continue; // a record that moved between pages while they were read
            }

            if (name.Length is 0 or > 200)
            {
                package.Errors.Add(new RosterProblem("orgs (REST)", line, "The name is missing or longer than 200 characters."));
                continue;
            }

            var identifier = Text(org, "identifier");
            package.Orgs.Add(new RosterOrgRow("orgs (REST)", line, sourcedId, Deleted(package, "orgs (REST)", line, org), name, Text(org, "type").ToLowerInvariant(), identifier.Length == 0 ? null : identifier));
        }

        var usersSeen = new HashSet<string>(StringComparer.Ordinal);
        line = 0;
        await foreach (var user in PagesAsync(client, source, token, "users", filter, cancellationToken))
        {
            line++;
            ReadUser(package, user, line, usersSeen);
        }

        return package;
    }

    private static void ReadUser(RosterPackage package, JsonElement user, int line, HashSet<string> seen)
    {
        const string file = "users (REST)";
        var sourcedId = Text(user, "sourcedId");
        if (sourcedId.Length is 0 or > 256)
        {
            package.Errors.Add(new RosterProblem(file, line, "sourcedId is missing or longer than 256 characters."));
            return;
        }

        if (!seen.Add(sourcedId))
        {
            return;
        }

        var roles = new List<RosterRoleRow>();
        var nonStaff = false;
        if (user.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in list.EnumerateArray())
            {
                var roleName = Text(entry, "role");
                if (OneRosterReader.IsNonStaff(roleName))
                {
                    nonStaff = true;
                    continue;
                }

                var role = OneRosterReader.StaffRole12(roleName);
                if (role == null)
                {
                    if (OneRosterReader.IsIgnoredRole12(roleName))
                    {
                        package.Warnings.Add(new RosterProblem(file, line, $"The role '{roleName}' has no PLBadges role; this role is left out."));
                    }
                    else
                    {
                        package.Errors.Add(new RosterProblem(file, line, $"'{roleName}' is not a OneRoster 1.2 role."));
                    }

                    continue;
                }

                var org = entry.TryGetProperty("org", out var reference) && reference.ValueKind == JsonValueKind.Object ? Text(reference, "sourcedId") : "";
                if (org.Length == 0)
                {
                    package.Errors.Add(new RosterProblem(file, line, "A role names no org sourcedId."));
                    continue;
                }

                roles.Add(new RosterRoleRow(file, line, sourcedId, org, null, role.Value, false, Date(package, file, line, entry, "beginDate"), Date(package, file, line, entry, "endDate")));
            }
        }

        // Students, parents, guardians and relatives are dropped here, never kept.
        if (roles.Count == 0 && nonStaff)
        {
            package.SkippedNonStaff++;
            return;
        }

        var given = Text(user, "preferredFirstName") is { Length: > 0 } preferred ? preferred : Text(user, "givenName");
        var family = Text(user, "preferredLastName") is { Length: > 0 } preferredLast ? preferredLast : Text(user, "familyName");
        var enabled = !user.TryGetProperty("enabledUser", out var flag)
            || flag.ValueKind == JsonValueKind.True
            || (flag.ValueKind == JsonValueKind.String && !string.Equals(flag.GetString(), "false", StringComparison.OrdinalIgnoreCase));
        package.Users.Add(new RosterUserRow(file, line, sourcedId, Deleted(package, file, line, user), enabled, Text(user, "email"), DisplayText.Clean($"{given} {family}")));
        package.Roles.AddRange(roles);
    }

    private async Task<string> TokenAsync(HttpClient client, OneRosterRestSource source, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, source.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = Scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(source.ClientId)}:{Uri.EscapeDataString(source.ClientSecret)}")));
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuleException($"The token service at {source.TokenUrl} refused the client id and secret saved (HTTP {(int)response.StatusCode}). Nothing was changed.");
        }

        using var document = await ReadJsonAsync(response, source.TokenUrl, cancellationToken);
        return document.RootElement.TryGetProperty("access_token", out var token) && token.GetString() is { Length: > 0 } value
            ? value
            : throw new RuleException($"The token service at {source.TokenUrl} answered without an access token. Nothing was changed.");
    }

    private async IAsyncEnumerable<JsonElement> PagesAsync(HttpClient client, OneRosterRestSource source, string token, string collection, string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limit = options.Value.RestPageSize;
        for (var offset = 0; ; offset += limit)
        {
            if (offset >= options.Value.RestMaxRecords)
            {
                throw new RuleException($"The service gave more than {options.Value.RestMaxRecords} {collection}; PLBadges reads at most that many. Nothing was changed.");
            }

            var url = $"{source.BaseUrl}{ApiPath}/{collection}?limit={limit}&offset={offset}" + (filter == null ? "" : $"&filter={Uri.EscapeDataString(filter)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new RuleException($"The OneRoster service answered HTTP {(int)response.StatusCode} to GET {ApiPath}/{collection}. Nothing was changed.");
            }

            using var document = await ReadJsonAsync(response, $"{ApiPath}/{collection}", cancellationToken);
            if (!document.RootElement.TryGetProperty(collection, out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new RuleException($"The OneRoster service's answer to GET {ApiPath}/{collection} has no \"{collection}\" list. Nothing was changed.");
            }

            var count = 0;
            foreach (var item in items.EnumerateArray())
            {
                count++;
                yield return item.Clone();
            }

            if (count < limit)
            {
                yield break;
            }
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw new RuleException($"The answer from {what} is not JSON. Nothing was changed.");
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";

    private static bool Deleted(RosterPackage package, string file, int line, JsonElement element)
    {
        var status = Text(element, "status");
        if (status.Length == 0 || status.Equals("active", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (status.Equals("tobedeleted", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        package.Errors.Add(new RosterProblem(file, line, $"status is '{status}'; it must be active or tobedeleted."));
        return false;
    }

    private static DateOnly? Date(RosterPackage package, string file, int line, JsonElement element, string name)
    {
        var text = Text(element, name);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        package.Errors.Add(new RosterProblem(file, line, $"{name} '{text}' is not a date (YYYY-MM-DD)."));
        return null;
    }
}
