using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace PLBadges.Abstractions.Values;

/// <summary>The kinds of dated field people type, each with its range in <see cref="FieldRanges"/>.</summary>
public enum DateField
{
    /// <summary>A school's planned device rollout.</summary>
    RolloutDate,

    /// <summary>An academy session (or other academy, wave and roadmap dates).</summary>
    AcademySession,

    /// <summary>A coaching meeting, a next step's due date, a day without school.</summary>
    CoachingMeeting,

    /// <summary>A day of an educator's license (when it expires), or of a period of learning a state is sent.</summary>
    LicenseDate,
}

/// <summary>The first and last day a kind of field accepts.</summary>
public sealed record DateRange(DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;

    public bool Contains(DateTime date) => Contains(DateOnly.FromDateTime(date));

    public string Describe() => $"between {First.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} and {Last.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// One place for the ranges of typed values, used by forms, APIs and recipe steps alike, so a year
/// 1 or 9999 is refused at the edge with a reason instead of overflowing date arithmetic later.
/// Planning dates (rollouts, sessions, meetings) lie within 2000–2100; research is cited from 1900
/// (the shipped content cites work from 1985) up to this year.
/// </summary>
public static class FieldRanges
{
    public static readonly DateRange Planning = new(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));

    public const int FirstPublicationYear = 1900;

    public static DateRange Of(DateField field) => field switch
    {
        DateField.RolloutDate or DateField.AcademySession or DateField.CoachingMeeting or DateField.LicenseDate => Planning,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Why the date is refused (naming the field as people call it), or null when it is in range or absent.</summary>
    public static string? Check(DateField field, DateOnly? date, string? label = null) =>
        date is { } day && !Of(field).Contains(day) ? $"{label ?? Label(field)} must be {Of(field).Describe()}." : null;

    /// <inheritdoc cref="Check(DateField, DateOnly?, string?)"/>
    public static string? Check(DateField field, DateTime? date, string? label = null) =>
        Check(field, date is { } d ? DateOnly.FromDateTime(d) : null, label);

    /// <summary>Why a publication year is refused, or null (no year is fine).</summary>
    public static string? CheckPublicationYear(int? year, int thisYear) =>
        year is { } y && (y < FirstPublicationYear || y > thisYear) ? $"A publication year must be from {FirstPublicationYear} to {thisYear}." : null;

    public static string Label(DateField field) => field switch
    {
        DateField.RolloutDate => "The rollout date",
        DateField.AcademySession => "The session's date",
        DateField.LicenseDate => "The date",
        _ => "The meeting's date",
    };
}

/// <summary>A form field checked against <see cref="FieldRanges"/>: the message appears at the field.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DateInRangeAttribute(DateField field) : ValidationAttribute
{
    public DateField Field { get; } = field;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        DateOnly? date = value switch
        {
            DateOnly d => d,
            DateTime t => DateOnly.FromDateTime(t),
            _ => null,
        };
        return FieldRanges.Check(Field, date) is { } problem ? new ValidationResult(problem, validationContext.MemberName is { } m ? [m] : null) : ValidationResult.Success;
    }
}
