namespace PLBadges.Cohorts.Roadmap;

/// <summary>What a milestone points at: an academy, a wave, or a school's device rollout.</summary>
public enum MilestoneLink
{
    None,
    Cohort,
    Wave,
    Rollout,
}

/// <summary>One milestone of a district's multi-year roadmap (year 0, planning, to year 3).</summary>
internal sealed class RoadmapMilestone
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public int Year { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Who the template suggests owns it, shown until a person is named.</summary>
    public string SuggestedOwner { get; set; } = "";

    public Guid? OwnerId { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }

    public MilestoneLink Link { get; set; }

    public Guid? LinkId { get; set; }
}

/// <summary>How the template links a milestone when the roadmap starts: to a wave by number, the first academy, or the earliest or latest rollout.</summary>
public enum TemplateLink
{
    None,
    FirstAcademy,
    LatestAcademy,
    Wave1,
    Wave2,
    Wave3,
    EarliestRollout,
    LatestRollout,
}

/// <summary>A milestone of the template: months after the roadmap begins, and what it links to.</summary>
public sealed record TemplateMilestone(int Month, string Title, string Description, string Owner, TemplateLink Link);

/// <summary>
/// The roadmap template, written for this platform after the district implementation checklist in
/// the background documents: year 0 plans (vision, indicators, rollout, the learning plan, the
/// first academy a year ahead of devices), years 1 to 3 run the waves and rollouts and review data.
/// A district starts from it and then changes dates, owners and links, or adds its own.
/// </summary>
public static class RoadmapTemplate
{
    public static readonly IReadOnlyList<TemplateMilestone> Milestones =
    [
        new(1, "Personalized learning vision agreed", "How personalized learning serves the district's mission and its students with disabilities, written down and agreed by the cabinet.", "Superintendent's cabinet", TemplateLink.None),
        new(2, "Success indicators and the data to watch", "What success looks like each year, and the formative and academic data that will show it.", "District admin", TemplateLink.None),
        new(3, "Rollout plan: every school's device date", "The order in which schools receive devices, each date set on the school so readiness can be watched.", "District admin", TemplateLink.None),
        new(4, "Professional learning plan", "Academies for leadership teams, waves of teacher learning, and how coaching and feedback support them.", "Professional learning lead", TemplateLink.None),
        new(6, "First Personalized Learning Academy begins", "The leadership teams of the first schools begin at least a year ahead of their devices.", "Academy facilitator", TemplateLink.FirstAcademy),
        new(8, "IT support and infrastructure ready", "Bandwidth, device management and a way for schools to get help the day devices arrive.", "Technology director", TemplateLink.None),
        new(9, "Communication plan under way", "Regular word to the board, principals, teachers, students and families about what is changing and why.", "Communications lead", TemplateLink.None),
        new(12, "Wave 1 begins its micro-credentials", "The first wave of teachers, the most confident, earns its target micro-credentials and becomes the next wave's peer coaches.", "Professional learning lead", TemplateLink.Wave1),
        new(15, "First schools receive devices", "The first schools roll out, a year after their academy began.", "Technology director", TemplateLink.EarliestRollout),
        new(20, "First data review", "Indicators and formative data reviewed with principals; the plan adjusted.", "District admin", TemplateLink.None),
        new(24, "Wave 2 begins, coached by wave 1", "Peer coaches from wave 1 support the second wave at their schools.", "Professional learning lead", TemplateLink.Wave2),
        new(26, "Academies for the next schools", "The next schools' leadership teams begin, a year ahead of their rollout.", "Academy facilitator", TemplateLink.LatestAcademy),
        new(32, "Mid-course review", "Success indicators against the plan, shared with the board.", "Superintendent's cabinet", TemplateLink.None),
        new(36, "Wave 3 begins; peer coaching in every school", "The last wave begins, with peer coaches from the earlier waves in every school.", "Professional learning lead", TemplateLink.Wave3),
        new(42, "Every school rolled out", "The last schools receive their devices.", "Technology director", TemplateLink.LatestRollout),
        new(46, "Year-three review and the next budget", "What changed for students, shared with the community, and the budget for the next three to five years.", "Superintendent's cabinet", TemplateLink.None),
    ];

    /// <summary>The roadmap year (0 to 3) of a month after the start.</summary>
    public static int YearOf(int month) => Math.Clamp(month / 12, 0, 3);
}

/// <summary>Where a milestone stands on a day.</summary>
public enum MilestoneState
{
    Done,
    Overdue,
    DueSoon,
    Upcoming,
}

public static class MilestoneRule
{
    public const int SoonDays = 30;

    public static MilestoneState StateOf(DateOnly dueOn, DateOnly? doneOn, DateOnly today) =>
        doneOn != null ? MilestoneState.Done
        : dueOn < today ? MilestoneState.Overdue
        : dueOn <= today.AddDays(SoonDays) ? MilestoneState.DueSoon
        : MilestoneState.Upcoming;

    public static string Label(MilestoneState state) => state switch
    {
        MilestoneState.Done => "Done",
        MilestoneState.Overdue => "Overdue",
        MilestoneState.DueSoon => "Due soon",
        _ => "Upcoming",
    };
}
