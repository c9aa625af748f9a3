using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Recipes;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Recipes;

/// <summary>
/// "Submissions": { "items": [ { "teacher": email, "microCredential": slug, "passedBy": coach email,
/// "answers": [ text, ... ], "feedback": text } ] } gives a demo teacher a submission that a coach
/// passed, through the same states, review and event as a real one (so the credential follows).
/// An item whose teacher already has a submission for that micro-credential is left alone.
/// </summary>
internal sealed class SubmissionsRecipeStep(
    PLBadgesDbContext db,
    IPeopleDirectory people,
    EvidenceAccess access,
    IMicroCredentialCatalog catalog,
    IEventOutbox events,
    TimeProvider clock) : IRecipeStep
{
    public string Name => "Submissions";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("The Submissions step needs an \"items\" array.");
        }

        foreach (var item in items.EnumerateArray())
        {
            await PassAsync(item, cancellationToken);
        }
    }

    private async Task PassAsync(JsonElement item, CancellationToken cancellationToken)
    {
        string Text(string name) => item.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new RecipeException($"A Submissions item needs \"{name}\".");
        var teacher = await people.FindByEmailAsync(Text("teacher"), cancellationToken) ?? throw new RecipeException($"No person has the email {Text("teacher")}.");
        var coach = await people.FindByEmailAsync(Text("passedBy"), cancellationToken) ?? throw new RecipeException($"No person has the email {Text("passedBy")}.");
        var version = await catalog.PublishedAsync(Text("microCredential"), cancellationToken) ?? throw new RecipeException($"No published micro-credential is called {Text("microCredential")}.");
        var placement = await access.PlacementOfAsync(await people.RolesOfAsync(teacher.Id, cancellationToken), cancellationToken)
            ?? throw new RecipeException($"{teacher.Email} holds no role that submits evidence.");
        if (await db.Set<Submission>().AnyAsync(s => s.TeacherId == teacher.Id && s.MicroCredentialId == version.MicroCredentialId, cancellationToken))
        {
            return;
        }

        var answers = item.TryGetProperty("answers", out var given) ? given.EnumerateArray().Select(a => a.GetString() ?? "").ToList() : [];
        var submission = SubmissionService.NewDraft(db, clock, teacher.Id, placement, version);
        var now = submission.CreatedAt;
        var n = 0;
        var parts = version.Content.Submission;
        for (var p = 0; p < parts.Count; p++)
        {
            var prompts = EvidenceContent.IsArtifactsPart(parts[p]) ? [ArtifactNotes.Prompt] : Enumerable.Range(0, parts[p].Prompts.Count);
            foreach (var prompt in prompts)
            {
                var text = answers.Count == 0 ? "(Demo answer.)" : answers[Math.Min(n++, answers.Count - 1)];
                db.Add(new Answer { SubmissionId = submission.Id, Part = p, Prompt = prompt, Text = text, UpdatedAt = now });
            }
        }

        SubmissionService.Record(db, clock, submission, SubmissionState.Submitted, Actor.Teacher, teacher.Id);
        submission.SubmittedAt = now;
        var review = new Review
        {
            Id = Guid.NewGuid(),
            SubmissionId = submission.Id,
            Attempt = 1,
            ReviewerId = coach.Id,
            Kind = ReviewKind.First,
            Status = ReviewStatus.Completed,
            ClaimedAt = now,
            ClaimExpiresAt = now,
            CompletedAt = now,
            Decision = Decision.Pass,
            Feedback = item.TryGetProperty("feedback", out var feedback) ? feedback.GetString() ?? "" : "",
        };
        for (var p = 0; p < parts.Count; p++)
        {
            for (var c = 0; c < parts[p].Rubric.Count; c++)
            {
                review.Scores.Add(new CriterionScore { ReviewId = review.Id, Part = p, Criterion = c, Met = true, Comment = "" });
            }
        }

        db.Add(review);
        SubmissionService.Record(db, clock, submission, SubmissionState.InReview, Actor.Reviewer, coach.Id, "Claimed");
        SubmissionService.Record(db, clock, submission, SubmissionState.Passed, Actor.Reviewer, coach.Id);
        submission.DecidedAt = now;
        await ReviewSeats.CountAsync(db, clock, submission, cancellationToken);
        events.Add(new MicroCredentialPassed(submission.Id, teacher.Id, submission.DistrictId, submission.SchoolId, version.MicroCredentialId, version.VersionId, 1, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
