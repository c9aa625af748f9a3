namespace PLBadges.Recognition.StateCredit;

/// <summary>
/// A profile applied to learning, purely: the units an item earns, and the categories an educator's license takes.
/// The same profile version and inputs always give the same answer, and sign-offs store it.
/// </summary>
public static class Conversion
{
    /// <summary>
    /// The units a micro-credential earns: the profile's fixed figure where the district chose it (and the profile has
    /// one), otherwise its hours times the profile's factor, rounded half away from zero to the profile's places.
    /// </summary>
    public static decimal Units(CreditRules rules, CreditBasis basis, decimal hours) =>
        basis == CreditBasis.Fixed && rules.PerMicroCredential.Value is { } fixedFigure
            ? fixedFigure
            : HourUnits(rules, hours);

    /// <summary>Hours of coaching or academy sessions in the state's unit (hours times the factor, rounded).</summary>
    public static decimal HourUnits(CreditRules rules, decimal hours) =>
        Math.Round(Math.Max(0, hours) * rules.PerHour.Value, rules.Decimals.Value, MidpointRounding.AwayFromZero);

    /// <summary>The basis a micro-credential converts on when the district has not chosen: the fixed figure where the profile has one.</summary>
    public static CreditBasis DefaultBasis(CreditRules rules) => rules.PerMicroCredential.Value is null ? CreditBasis.Hours : CreditBasis.Fixed;

    /// <summary>
    /// The categories for a license area and a license expiry date: the rule of that area whose expiry window holds the
    /// date. Null with the reason when the profile has categories but none fit (or the educator has not given their area
    /// or expiry date); null without a reason when the profile has no categories.
    /// </summary>
    public static (CategoryRule? Rule, string? Problem) CategoriesFor(CategoryRules? rules, string? area, DateOnly? licenseExpiresOn)
    {
        if (rules == null)
        {
            return (null, null);
        }

        if (string.IsNullOrEmpty(area) || licenseExpiresOn is not { } expires)
        {
            return (null, "The educator has not given their license area and the day their license expires, which decide the categories.");
        }

        var rule = rules.Rules.FirstOrDefault(r => r.Area == area && r.LicenseExpiringFrom <= expires && (r.LicenseExpiringBefore is not { } before || expires < before));
        if (rule != null)
        {
            return (rule, null);
        }

        var name = rules.Areas.FirstOrDefault(a => a.Code == area)?.Name ?? area;
        return (null, $"The profile has no categories for {name} licenses expiring on {expires:d MMMM yyyy}.");
    }

    /// <summary>Ed-Fi's TotalHours is an integer: whole hours completed, rounded down (a part hour is never reported as done).</summary>
    public static int EdFiTotalHours(decimal hours) => (int)Math.Floor(Math.Max(0, hours));

    /// <summary>Ed-Fi's ProfessionalDevelopmentTitle holds at most 60 characters: a longer title is cut at a word and ends with an ellipsis.</summary>
    public static string EdFiTitle(string title)
    {
        title = title.Trim();
        if (title.Length <= 60)
        {
            return title;
        }

        var cut = title[..59];
        var space = cut.LastIndexOf(' ');
        return (space >= 30 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':', '-') + "…";
    }
}
