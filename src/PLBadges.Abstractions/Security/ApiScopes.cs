using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace PLBadges.Abstractions.Security;

/// <summary>A scope an app or a machine client may ask for, and what the consent screen tells the person it gives.</summary>
public sealed record ApiScope(string Name, string Description);

/// <summary>
/// Every scope the OpenID Connect server knows, in one place: the server registers exactly these,
/// the consent screen describes them, and an API group names the one it needs with
/// <see cref="ApiScopeConventions.RequireScope{TBuilder}"/>.
/// </summary>
public static class ApiScopes
{
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string Email = "email";
    public const string OfflineAccess = "offline_access";

    /// <summary>GET /api/v1/me: the person's name, email and roles.</summary>
    public const string MeRead = "me:read";

    /// <summary>GET /api/v1/organizations: a person's organizations, or a machine client's own tree.</summary>
    public const string OrganizationsRead = "organizations:read";

    /// <summary>GET /api/v1/me/submissions: a teacher's submissions and feedback.</summary>
    public const string SubmissionsRead = "submissions:read";

    /// <summary>GET /api/v1/me/coaching/meetings: a person's coaching meetings.</summary>
    public const string CoachingRead = "coaching:read";

    /// <summary>GET /api/v1/me/transcript: an educator's transcript.</summary>
    public const string TranscriptRead = "transcript:read";

    /// <summary>GET /api/v1/cohorts… and /api/v1/readiness: academies and rollout readiness.</summary>
    public const string CohortsRead = "cohorts:read";

    /// <summary>PUT /api/v1/cohorts/sessions/{id}/attendance.</summary>
    public const string CohortsWrite = "cohorts:write";

    /// <summary>The licensure API, for a state's machine client.</summary>
    public const string RecognitionRead = "recognition:read";

    /// <summary>The district roster API (POST /api/v1/districts/{id}/roster), for a district's machine client.</summary>
    public const string RosterWrite = "roster:write";

    public static readonly IReadOnlyList<ApiScope> All =
    [
        new(OpenId, "Know who you are on PLBadges"),
        new(Profile, "Your name"),
        new(Email, "Your email address"),
        new(OfflineAccess, "Keep this access when you are not using the app, until you sign out everywhere"),
        new(MeRead, "Your name, email address and roles"),
        new(OrganizationsRead, "The schools, districts and states where you hold a role"),
        new(SubmissionsRead, "Your micro-credential submissions, what each still needs, and reviewers' feedback"),
        new(CoachingRead, "Your coaching meetings"),
        new(TranscriptRead, "Your professional learning transcript, with your license number"),
        new(CohortsRead, "The academies you run, facilitate or belong to, and rollout readiness"),
        new(CohortsWrite, "Record attendance at academy sessions you facilitate"),
        new(RecognitionRead, "Your state's recognition decisions (for a state's licensure system)"),
        new(RosterWrite, "Import your district's roster (for a district's roster system)"),
    ];

    public static ApiScope? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}

/// <summary>Says that an endpoint (or a group) answers bearer tokens that carry this scope.</summary>
public sealed record ApiScopeMetadata(string Scope);

/// <summary>
/// Met by a person signed in with the site's cookie (pages and scripts of the site itself), or by
/// a bearer token that carries the scope. Identity implements the check.
/// </summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public static class ApiScopeConventions
{
    /// <summary>
    /// The endpoint answers bearer tokens with <paramref name="scope"/> (403 without it); without this,
    /// an endpoint does not read bearer tokens at all. Callers signed in with the cookie are unaffected.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        if (ApiScopes.Find(scope) == null)
        {
            throw new InvalidOperationException($"The scope '{scope}' is not registered in ApiScopes.");
        }

        builder.WithMetadata(new ApiScopeMetadata(scope));
        return builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
    }
}
