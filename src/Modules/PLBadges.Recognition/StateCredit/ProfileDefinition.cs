using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PLBadges.Abstractions.Rules;

namespace PLBadges.Recognition.StateCredit;

/// <summary>A public document a profile's fields rest on.</summary>
public sealed record ProfileSource(string Id, string Title, string Url);

/// <summary>
/// A value of a profile and the source (a <see cref="ProfileSource.Id"/>) it rests on; <paramref name="Unconfirmed"/>
/// says, when public material did not settle it, what was assumed instead.
/// </summary>
public sealed record Cited<T>(T Value, string Source, string? Unconfirmed = null);

/// <summary>How a micro-credential or hours of learning convert to the state's unit.</summary>
public enum CreditBasis
{
    /// <summary>A fixed figure per micro-credential (Tennessee: 6 PDPs).</summary>
    Fixed,

    /// <summary>Its hours times the profile's factor (clock hours 1:1; North Carolina's CEU is 10 hours).</summary>
    Hours,
}

/// <summary>
/// The state's unit and its conversions. Units are rounded half away from zero to <paramref name="Decimals"/> places;
/// <paramref name="Needed"/> is the renewal requirement in words, printed for context.
/// </summary>
public sealed record CreditRules(
    Cited<string> Unit,
    Cited<decimal?> PerMicroCredential,
    Cited<decimal> PerHour,
    Cited<int> Decimals,
    Cited<string> Needed);

/// <summary>The state's identifier of an educator, its form, and what else the profile asks of the educator's license.</summary>
public sealed record EducatorIdRule(string Name, string Pattern, string Hint, string Source, string? Unconfirmed = null);

/// <summary>A license area or grade band that decides which categories apply (North Carolina: grades K-5, 6-12...).</summary>
public sealed record LicenseArea(string Code, string Name);

/// <summary>A category of renewal credit and how many units of it a renewal needs.</summary>
public sealed record CreditCategory(string Code, string Name, decimal Units);

/// <summary>The categories for one license area, for licenses expiring from one day until (not including) another.</summary>
public sealed record CategoryRule(string Area, DateOnly LicenseExpiringFrom, DateOnly? LicenseExpiringBefore, IReadOnlyList<CreditCategory> Categories, string Source, string? Unconfirmed = null);

public sealed record CategoryRules(IReadOnlyList<LicenseArea> Areas, IReadOnlyList<CategoryRule> Rules);

/// <summary>The certificate's title, its wording (one paragraph), and the fields it prints, in order.</summary>
public sealed record CertificateRule(string Title, string Wording, IReadOnlyList<string> Fields, string Source, string? Unconfirmed = null);

/// <summary>One column of a state file: its header, the field it carries, and the field's format (dates and numbers).</summary>
public sealed record RecordColumn(string Header, string Field, string? Format, string Source, string? Unconfirmed = null);

/// <summary>A file the state (or the provider's own records) takes: its name, with {provider}, {from} and {to}, and its columns in order.</summary>
public sealed record RecordFileRule(string FileName, IReadOnlyList<RecordColumn> Columns, string Source, string? Unconfirmed = null);

/// <summary>
/// What one state takes, as data: its unit and conversions, the educator identifier and its form, categories by
/// license area and expiry, whether the district signs off, the certificate, and the file it takes (if any). Every
/// field cites a public source; where public material did not settle it, the field says so.
/// </summary>
public sealed record ProfileDefinition(
    string Jurisdiction,
    string StateName,
    Cited<string> HowRecordsGetIn,
    CreditRules Credit,
    Cited<bool> SignOffRequired,
    EducatorIdRule EducatorId,
    CategoryRules? Categories,
    CertificateRule Certificate,
    RecordFileRule? RecordFile,
    IReadOnlyList<ProfileSource> Sources)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The fields a certificate may print and a file may carry.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "educatorName", "educatorId", "providerName", "providerNumber", "title", "summary", "completedOn", "hours", "units", "unitName",
        "category", "signOff", "verifyUrl", "recordId",
    ];

    public static ProfileDefinition Parse(string json)
    {
        try
        {
            return Check(JsonSerializer.Deserialize<ProfileDefinition>(json, Json) ?? throw new RuleException("The profile is empty."));
        }
        catch (JsonException problem)
        {
            throw new RuleException($"The profile could not be read: {problem.Message}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The whole educator identifier must match: "a|b" means "^(?:a|b)$".</summary>
    public bool IdMatches(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40)
        {
            return false;
        }

        try
        {
            return Regex.IsMatch(value, Whole(EducatorId.Pattern), RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>What public material did not settle, field by field, in words: the profile page and the README list it.</summary>
    public IReadOnlyList<string> UnconfirmedNotes()
    {
        var notes = new (string What, string? Note)[]
        {
            ("How records reach the state", HowRecordsGetIn.Unconfirmed), ("Unit", Credit.Unit.Unconfirmed), ("Per micro-credential", Credit.PerMicroCredential.Unconfirmed),
            ("Per hour", Credit.PerHour.Unconfirmed), ("Rounding", Credit.Decimals.Unconfirmed), ("To renew", Credit.Needed.Unconfirmed), ("Sign-off", SignOffRequired.Unconfirmed),
            ("Educator identifier", EducatorId.Unconfirmed), ("Certificate", Certificate.Unconfirmed), ("File", RecordFile?.Unconfirmed),
        };
        return notes.Where(n => n.Note != null).Select(n => $"{n.What}: {n.Note}")
            .Concat(Categories?.Rules.Where(r => r.Unconfirmed != null).Select(r => $"Categories ({r.Area}): {r.Unconfirmed}") ?? [])
            .Concat(RecordFile?.Columns.Where(c => c.Unconfirmed != null).Select(c => $"Column {c.Header}: {c.Unconfirmed}") ?? [])
            .ToList();
    }

    /// <summary>Refuses a profile that could not be applied, naming every problem.</summary>
    public static ProfileDefinition Check(ProfileDefinition profile)
    {
        var problems = new List<string>();
        var sources = profile.Sources?.Select(s => s.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        void Cites(string? source, string what)
        {
            if (string.IsNullOrWhiteSpace(source) || !sources.Contains(source))
            {
                problems.Add($"{what} must cite one of the profile's sources");
            }
        }

        if (profile.Jurisdiction is not { Length: 2 } code || !code.All(char.IsAsciiLetterUpper))
        {
            problems.Add("the state is its two-letter postal code, such as TN");
        }

        if (string.IsNullOrWhiteSpace(profile.StateName) || profile.StateName.Length > 100)
        {
            problems.Add("name the state");
        }

        if (profile.Credit is not { } credit)
        {
            problems.Add("give the unit and its conversions");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(credit.Unit?.Value) || credit.Unit.Value.Length > 40)
            {
                problems.Add("name the unit (at most 40 characters)");
            }

            if (credit.PerMicroCredential?.Value is <= 0 or > 1000)
            {
                problems.Add("a fixed figure per micro-credential is more than 0 and at most 1,000");
            }

            if (credit.PerHour?.Value is not (> 0 and <= 100))
            {
                problems.Add("units per clock hour are more than 0 and at most 100");
            }

            if (credit.Decimals?.Value is not (>= 0 and <= 4))
            {
                problems.Add("units are rounded to 0 to 4 decimal places");
            }

            Cites(credit.Unit?.Source, "the unit");
            Cites(credit.PerMicroCredential?.Source, "the figure per micro-credential");
            Cites(credit.PerHour?.Source, "the units per hour");
            Cites(credit.Decimals?.Source, "the rounding");
            Cites(credit.Needed?.Source, "the renewal requirement");
        }

        Cites(profile.HowRecordsGetIn?.Source, "how records reach the state");
        Cites(profile.SignOffRequired?.Source, "whether the district signs off");
        if (profile.EducatorId is not { } id || string.IsNullOrWhiteSpace(id.Name) || id.Name.Length > 60 || string.IsNullOrWhiteSpace(id.Hint))
        {
            problems.Add("name the state's educator identifier and describe its form");
        }
        else
        {
            try
            {
                _ = new Regex(Whole(id.Pattern), RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                problems.Add("the educator identifier's pattern is not a regular expression");
            }

            Cites(id.Source, "the educator identifier");
        }

        if (profile.Categories is { } categories)
        {
            var areas = categories.Areas.Select(a => a.Code).ToList();
            if (areas.Count == 0 || areas.Distinct(StringComparer.Ordinal).Count() != areas.Count)
            {
                problems.Add("categories need license areas, each with its own code");
            }

            foreach (var rule in categories.Rules)
            {
                if (!areas.Contains(rule.Area))
                {
                    problems.Add($"categories name an unknown license area {rule.Area}");
                }

                if (rule.LicenseExpiringBefore is { } before && before <= rule.LicenseExpiringFrom)
                {
                    problems.Add($"the categories of {rule.Area} end before they begin");
                }

                if (rule.Categories.Count == 0 || rule.Categories.Any(c => string.IsNullOrWhiteSpace(c.Code) || string.IsNullOrWhiteSpace(c.Name) || c.Units < 0))
                {
                    problems.Add($"each category of {rule.Area} needs a code, a name and its units");
                }

                Cites(rule.Source, $"the categories of {rule.Area}");
            }
        }

        if (profile.Certificate is not { } certificate || string.IsNullOrWhiteSpace(certificate.Title) || certificate.Fields.Count == 0)
        {
            problems.Add("give the certificate a title and its fields");
        }
        else
        {
            problems.AddRange(certificate.Fields.Where(f => !Fields.Contains(f)).Select(f => $"the certificate names an unknown field {f}"));
            Cites(certificate.Source, "the certificate");
        }

        if (profile.RecordFile is { } file)
        {
            if (string.IsNullOrWhiteSpace(file.FileName) || file.FileName.IndexOfAny(['/', '\\']) >= 0 || file.Columns.Count == 0)
            {
                problems.Add("give the file a name (no folders) and columns");
            }

            foreach (var column in file.Columns)
            {
                if (!Fields.Contains(column.Field))
                {
                    problems.Add($"the column {column.Header} carries an unknown field {column.Field}");
                }
                else if (column.Format is { } format && !FormatWorks(column.Field, format))
                {
                    problems.Add($"the column {column.Header} has a format that cannot be applied: {format}");
                }

                Cites(column.Source, $"the column {column.Header}");
            }

            Cites(file.Source, "the file");
        }

        return problems.Count == 0 ? profile : throw new RuleException("The profile cannot be used: " + string.Join("; ", problems) + ".");
    }

    /// <summary>A field's value as a file or a certificate writes it.</summary>
    public static string Format(object? value, string? format) => value switch
    {
        null => "",
        DateOnly date => date.ToString(format ?? "yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal number => number.ToString(format ?? "0.##", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool FormatWorks(string field, string format)
    {
        try
        {
            _ = field is "completedOn" ? Format(new DateOnly(2026, 12, 4), format) : field is "hours" or "units" ? Format(12.5m, format) : format;
            return format.Length <= 40;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Whole(string pattern)
    {
        var inner = pattern.StartsWith('^') ? pattern[1..] : pattern;
        inner = inner.EndsWith('$') && !inner.EndsWith("\\$", StringComparison.Ordinal) ? inner[..^1] : inner;
        return $"^(?:{inner})$";
    }
}
