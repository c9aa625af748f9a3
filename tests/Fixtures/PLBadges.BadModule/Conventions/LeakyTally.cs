namespace PLBadges.BadModule.Conventions;

/// <summary>Breaks the entity rule: an entity type other modules could name (BrokenModule adds it to the model).</summary>
public sealed class LeakyTally
{
    public Guid Id { get; set; }

    public int Count { get; set; }
}
