namespace PLBadges.Evidence.Submissions;

/// <summary>Who moves a submission: its teacher, a reviewing coach, or the site itself (a claim lapsing).</summary>
public enum Actor
{
    Teacher,
    Reviewer,
    System,
}

/// <summary>
/// Every allowed change of a submission's state, and who may make it. Anything not listed is refused.
/// Resubmission (not yet → submitted) is further limited by the district's attempt limit.
/// </summary>
public static class SubmissionStateMachine
{
    private static readonly IReadOnlyDictionary<(SubmissionState From, SubmissionState To), Actor[]> Allowed =
        new Dictionary<(SubmissionState, SubmissionState), Actor[]>
        {
            [(SubmissionState.Draft, SubmissionState.Submitted)] = [Actor.Teacher],
            [(SubmissionState.Draft, SubmissionState.Withdrawn)] = [Actor.Teacher],
            [(SubmissionState.Submitted, SubmissionState.InReview)] = [Actor.Reviewer],
            [(SubmissionState.Submitted, SubmissionState.Withdrawn)] = [Actor.Teacher],
            [(SubmissionState.InReview, SubmissionState.Submitted)] = [Actor.Reviewer, Actor.System],
            [(SubmissionState.InReview, SubmissionState.Passed)] = [Actor.Reviewer],
            [(SubmissionState.InReview, SubmissionState.NotYet)] = [Actor.Reviewer],
            [(SubmissionState.NotYet, SubmissionState.Submitted)] = [Actor.Teacher],
            [(SubmissionState.NotYet, SubmissionState.Withdrawn)] = [Actor.Teacher],
        };

    public static bool CanMove(SubmissionState from, SubmissionState to, Actor actor) =>
        Allowed.TryGetValue((from, to), out var actors) && actors.Contains(actor);

    /// <summary>A teacher may resubmit after "not yet" while attempts remain.</summary>
    public static bool CanResubmit(int attempt, int maxAttempts) => attempt < maxAttempts;

    /// <summary>Only a draft can be deleted outright; anything submitted stays on record.</summary>
    public static bool CanDelete(SubmissionState state) => state == SubmissionState.Draft;

    /// <summary>The teacher can change answers and files.</summary>
    public static bool IsEditable(SubmissionState state) => state is SubmissionState.Draft or SubmissionState.NotYet;

    public static string Describe(SubmissionState state) => state switch
    {
        SubmissionState.Draft => "Draft",
        SubmissionState.Submitted => "Submitted",
        SubmissionState.InReview => "In review",
        SubmissionState.Passed => "Passed",
        SubmissionState.NotYet => "Not yet",
        SubmissionState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };
}

