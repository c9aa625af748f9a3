namespace PLBadges.Testing;

/// <summary>A clock a test sets: the site reads "now" from it (its TimeProvider), so a test can stand at the hour a reminder falls due.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
