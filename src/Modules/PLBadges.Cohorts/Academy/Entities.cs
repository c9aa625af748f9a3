using PLBadges.Cohorts.Readiness;

namespace PLBadges.Cohorts.Academy;

/// <summary>A Personalized Learning Academy: a district's programme for the leadership teams of some of its schools.</summary>
internal sealed class Cohort
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public required string Name { get; set; }

    /// <summary>The school year the programme runs, as "2026–27".</summary>
    public required string ProgrammeYear { get; set; }

    /// <summary>The share of sessions a member attends to complete the academy (0.8 unless the district says otherwise).</summary>
    public double RequiredAttendance { get; set; } = 0.8;

    /// <summary>Who runs the sessions and takes attendance (besides the district's admins).</summary>
    public Guid? FacilitatorId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A school an academy serves.</summary>
internal sealed class CohortSchool
{
    public Guid CohortId { get; set; }

    public Guid SchoolId { get; set; }
}

/// <summary>A member of a school's leadership team in an academy, chosen from the school's people.</summary>
internal sealed class TeamMember
{
    public Guid CohortId { get; set; }

    public Guid SchoolId { get; set; }

    public Guid PersonId { get; set; }

    public TeamRole Role { get; set; }
}

/// <summary>A session of an academy's programme.</summary>
internal sealed class CohortSession
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CohortId { get; set; }

    public required string Title { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public string AgendaMarkdown { get; set; } = "";
}

/// <summary>Whether a member was at a session, as the facilitator recorded it.</summary>
internal sealed class SessionAttendance
{
    public Guid SessionId { get; set; }

    public Guid PersonId { get; set; }

    public bool Present { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>A micro-credential the academy requires: of each member, or of one member of each school's team.</summary>
internal sealed class CohortRequirement
{
    public Guid CohortId { get; set; }

    public Guid MicroCredentialId { get; set; }

    public required string Title { get; set; }

    public RequirementScope Scope { get; set; }
}

/// <summary>A resource from the resource bank that goes with a session (reading before it, material used in it).</summary>
internal sealed class CohortSessionResource
{
    public Guid SessionId { get; set; }

    public Guid ResourceId { get; set; }
}

/// <summary>A district's readiness settings: the year-ahead rule's lead time.</summary>
internal sealed class ReadinessSettings
{
    public Guid DistrictId { get; set; }

    public int LeadMonths { get; set; } = YearAhead.DefaultLeadMonths;
}
