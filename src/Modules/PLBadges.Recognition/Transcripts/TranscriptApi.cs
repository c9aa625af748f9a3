using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Security;

namespace PLBadges.Recognition.Transcripts;

/// <summary>The educator's transcript for apps (the scope transcript:read), as /me/transcript's JSON download gives it to the person.</summary>
internal static class TranscriptApi
{
    public static void MapTranscriptApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/me/transcript").WithTags("Recognition").RequireScope(ApiScopes.TranscriptRead)
            .MapGet("", GetAsync).WithName("GetMyTranscript")
            .WithSummary("The signed-in educator's transcript: credentials, coaching and academy hours, recognitions and educator numbers.");
    }

    private static async Task<Results<Ok<Transcript>, NotFound>> GetAsync(IAccessControl access, TranscriptService transcripts, CancellationToken cancellationToken) =>
        access.PersonId is { } me && await transcripts.BuildAsync(me, cancellationToken) is { } transcript
            ? TypedResults.Ok(transcript)
            : TypedResults.NotFound();
}
