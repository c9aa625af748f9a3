namespace PLBadges.Cohorts.Waves;

/// <summary>A wave of professional learning: a group of a district's teachers learning together between two dates, toward a target set of micro-credentials.</summary>
internal sealed class Wave
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    /// <summary>The wave's place in the district's order (1 is the first); peer coaches come from earlier waves.</summary>
    public int Number { get; set; }

    public required string Name { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A micro-credential a wave's teachers aim to earn.</summary>
internal sealed class WaveTarget
{
    public Guid WaveId { get; set; }

    public Guid MicroCredentialId { get; set; }

    public required string Title { get; set; }
}

/// <summary>A teacher placed in a wave by a district admin; a teacher is in at most one wave of a district.</summary>
internal sealed class WaveMember
{
    public Guid WaveId { get; set; }

    public Guid DistrictId { get; set; }

    public Guid PersonId { get; set; }

    public Guid SchoolId { get; set; }

    public Guid PlacedBy { get; set; }

    public DateTime PlacedAt { get; set; }
}

/// <summary>A teacher of an earlier wave, holding a pathway, named to coach the teachers of a later wave at their school.</summary>
internal sealed class WavePeerCoach
{
    public Guid WaveId { get; set; }

    public Guid PersonId { get; set; }

    public Guid SchoolId { get; set; }

    /// <summary>The pathway capstone they hold, as the page shows it.</summary>
    public required string Pathway { get; set; }

    public Guid NamedBy { get; set; }

    public DateTime NamedAt { get; set; }
}

/// <summary>A teacher's short self-assessment, which helps (but does not decide) their placement.</summary>
internal sealed class SelfAssessment
{
    public Guid DistrictId { get; set; }

    public Guid PersonId { get; set; }

    public TechnologyComfort Comfort { get; set; }

    public TeachingRole Role { get; set; }

    public required string Goal { get; set; }

    public DateTime SubmittedAt { get; set; }
}
