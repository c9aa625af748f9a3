namespace PLBadges.Cohorts.Waves;

/// <summary>How comfortable a teacher is using technology in instruction, in their own words.</summary>
public enum TechnologyComfort
{
    New,
    Beginning,
    Comfortable,
    Confident,
}

/// <summary>The teacher's role, as they give it in the self-assessment.</summary>
public enum TeachingRole
{
    GeneralEducation,
    SpecialEducation,
    Interventionist,
    Specialist,
    Other,
}

/// <summary>
/// The suggestion the self-assessment makes (the admin decides): the most confident go in the first
/// wave, who will coach the next; the newest to technology in the last, when the most peer coaches
/// are ready. Comfort is spread evenly over the waves in order.
/// </summary>
public static class WavePlacement
{
    /// <summary>The suggested wave number (1-based) for a comfort level among <paramref name="waves"/> waves; null when there is none.</summary>
    public static int? Suggest(TechnologyComfort comfort, int waves)
    {
        if (waves <= 0)
        {
            return null;
        }

        var position = (TechnologyComfort.Confident - comfort) / 3.0; // Confident 0 … New 1
        return (int)Math.Round(position * (waves - 1), MidpointRounding.AwayFromZero) + 1;
    }

    public static string Label(TechnologyComfort comfort) => comfort switch
    {
        TechnologyComfort.New => "I rarely use technology in my teaching yet",
        TechnologyComfort.Beginning => "I use it now and then and want to do more",
        TechnologyComfort.Comfortable => "I use it most days to personalize learning",
        _ => "I use it confidently and could help a colleague",
    };

    public static string Short(TechnologyComfort comfort) => comfort switch
    {
        TechnologyComfort.New => "New",
        TechnologyComfort.Beginning => "Beginning",
        TechnologyComfort.Comfortable => "Comfortable",
        _ => "Confident",
    };

    public static string Label(TeachingRole role) => role switch
    {
        TeachingRole.GeneralEducation => "General education teacher",
        TeachingRole.SpecialEducation => "Special education teacher",
        TeachingRole.Interventionist => "Interventionist",
        TeachingRole.Specialist => "Specialist (related services, library, arts)",
        _ => "Other",
    };
}
