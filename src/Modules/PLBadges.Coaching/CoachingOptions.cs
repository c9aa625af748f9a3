namespace PLBadges.Coaching;

public sealed class CoachingOptions
{
    public const string Section = "Coaching";

    /// <summary>Time kept free around a meeting at another school, for the drive.</summary>
    public int TravelGapMinutes { get; set; } = 20;

    /// <summary>How long before a meeting the reminders go out (minutes).</summary>
    public int[] ReminderMinutes { get; set; } = [24 * 60, 60];

    /// <summary>How many days "suggest times" looks ahead.</summary>
    public int SuggestDays { get; set; } = 28;
}
