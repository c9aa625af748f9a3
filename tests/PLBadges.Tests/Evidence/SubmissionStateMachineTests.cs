using PLBadges.Evidence.Submissions;

namespace PLBadges.Tests.Evidence;

public sealed class SubmissionStateMachineTests
{
    /// <summary>Every move the rules allow, and who may make it; every other (from, to, actor) is refused.</summary>
    private static readonly HashSet<(SubmissionState, SubmissionState, Actor)> Allowed =
    [
        (SubmissionState.Draft, SubmissionState.Submitted, Actor.Teacher),
        (SubmissionState.Draft, SubmissionState.Withdrawn, Actor.Teacher),
        (SubmissionState.Submitted, SubmissionState.InReview, Actor.Reviewer),
        (SubmissionState.Submitted, SubmissionState.Withdrawn, Actor.Teacher),
        (SubmissionState.InReview, SubmissionState.Submitted, Actor.Reviewer),
        (SubmissionState.InReview, SubmissionState.Submitted, Actor.System),
        (SubmissionState.InReview, SubmissionState.Passed, Actor.Reviewer),
        (SubmissionState.InReview, SubmissionState.NotYet, Actor.Reviewer),
        (SubmissionState.NotYet, SubmissionState.Submitted, Actor.Teacher),
        (SubmissionState.NotYet, SubmissionState.Withdrawn, Actor.Teacher),
    ];

    public static TheoryData<SubmissionState, SubmissionState, Actor> EveryMove()
    {
        var data = new TheoryData<SubmissionState, SubmissionState, Actor>();
        foreach (var from in Enum.GetValues<SubmissionState>())
        foreach (var to in Enum.GetValues<SubmissionState>())
        foreach (var actor in Enum.GetValues<Actor>())
        {
            data.Add(from, to, actor);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void A_move_is_allowed_exactly_when_the_table_lists_it(SubmissionState from, SubmissionState to, Actor actor) =>
        Assert.Equal(Allowed.Contains((from, to, actor)), SubmissionStateMachine.CanMove(from, to, actor));

    [Fact]
    public void Passed_and_withdrawn_are_final()
    {
        foreach (var to in Enum.GetValues<SubmissionState>())
        foreach (var actor in Enum.GetValues<Actor>())
        {
            Assert.False(SubmissionStateMachine.CanMove(SubmissionState.Passed, to, actor));
            Assert.False(SubmissionStateMachine.CanMove(SubmissionState.Withdrawn, to, actor));
        }
    }

    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    [InlineData(1, 1, false)]
    public void Resubmission_is_limited_by_the_attempts_allowed(int attempt, int max, bool allowed) =>
        Assert.Equal(allowed, SubmissionStateMachine.CanResubmit(attempt, max));

    [Fact]
    public void Only_drafts_can_be_deleted_and_only_drafts_and_not_yet_edited()
    {
        Assert.Equal([SubmissionState.Draft], Enum.GetValues<SubmissionState>().Where(SubmissionStateMachine.CanDelete));
        Assert.Equal([SubmissionState.Draft, SubmissionState.NotYet], Enum.GetValues<SubmissionState>().Where(SubmissionStateMachine.IsEditable));
    }
}
