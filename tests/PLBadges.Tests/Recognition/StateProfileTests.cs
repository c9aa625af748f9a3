using PLBadges.Abstractions.Rules;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Tests.Recognition;

/// <summary>The shipped state profiles against cases worked by hand from the states' public rules.</summary>
public sealed class StateProfileTests
{
    private static ProfileDefinition Profile(string code) => ProfileCatalog.Shipped.Single(p => p.Code == code).Versions[^1].Definition;

    [Fact]
    public void Five_states_are_shipped_and_every_field_cites_one_of_the_profiles_own_sources()
    {
        Assert.Equal(["de", "nc", "pa", "tn", "tx"], ProfileCatalog.Shipped.Select(p => p.Code).Order());
        foreach (var shipped in ProfileCatalog.Shipped)
        {
            var definition = shipped.Versions[^1].Definition;
            Assert.Same(definition, ProfileDefinition.Check(definition)); // loading checked it; checking again finds nothing
            Assert.All(definition.Sources, s => Assert.StartsWith("http", s.Url));
            Assert.Equal(definition.ToJson(), ProfileDefinition.Parse(definition.ToJson()).ToJson()); // stored as JSON and read back whole (its lists compare by reference, so compare the JSON)
        }
    }

    [Fact]
    public void Tennessee_counts_a_micro_credential_as_six_PDPs_and_a_clock_hour_as_one()
    {
        var credit = Profile("tn").Credit;

        Assert.Equal(6m, Conversion.Units(credit, CreditBasis.Fixed, 15));
        Assert.Equal(6m, Conversion.Units(credit, Conversion.DefaultBasis(credit), 40)); // the fixed figure, whatever the hours, unless the district chooses hours
        Assert.Equal(15m, Conversion.Units(credit, CreditBasis.Hours, 15));
        Assert.Equal(2.3m, Conversion.HourUnits(credit, 2.25m)); // one decimal place, half away from zero
        Assert.True(Profile("tn").SignOffRequired.Value);
        Assert.Null(Profile("tn").RecordFile); // certificate only
    }

    [Fact]
    public void Texas_Pennsylvania_and_Delaware_count_clock_hours_one_for_one_and_offer_no_fixed_figure()
    {
        foreach (var code in new[] { "tx", "pa", "de" })
        {
            var credit = Profile(code).Credit;
            Assert.Equal(CreditBasis.Hours, Conversion.DefaultBasis(credit));
            Assert.Equal(7.5m, Conversion.Units(credit, CreditBasis.Fixed, 7.5m)); // no fixed figure: hours, whatever was asked
        }

        Assert.Equal("CPE clock hours", Profile("tx").Credit.Unit.Value);
        Assert.False(Profile("tx").SignOffRequired.Value);
    }

    [Fact]
    public void North_Carolina_counts_ten_contact_hours_as_one_renewal_credit()
    {
        var credit = Profile("nc").Credit;

        Assert.Equal(1.5m, Conversion.Units(credit, CreditBasis.Hours, 15));
        Assert.Equal(0.8m, Conversion.HourUnits(credit, 7.5m)); // 0.75 to one place, half away from zero
        Assert.Equal(8m, Conversion.HourUnits(credit, 80));
    }

    [Theory]
    [InlineData("K-5", "2025-06-30", "Academic subject area 3, Literacy 3, General 2")]
    [InlineData("K-5", "2024-06-30", "Academic subject area 3, Literacy 3, General 2")]
    [InlineData("K-5", "2024-06-29", "Academic subject area 3, Literacy 3, Digital learning competencies 2")]
    [InlineData("K-5", "2019-06-30", "Academic subject area 3, Literacy 3, Digital learning competencies 2")]
    [InlineData("6-12", "2027-06-30", "Academic subject area 4, General 4")]
    [InlineData("6-12", "2022-06-30", "Academic subject area 3, Digital learning competencies 2, General 3")]
    [InlineData("SSP", "2026-06-30", "Professional discipline area 4, General 4")]
    [InlineData("ADM", "2023-06-30", "Executive's role 3, Digital learning competencies 2, General 3")]
    public void North_Carolina_categories_follow_the_grade_band_and_the_day_the_license_expires(string area, string expires, string expected)
    {
        var (rule, problem) = Conversion.CategoriesFor(Profile("nc").Categories, area, DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Null(problem);
        Assert.Equal(expected, string.Join(", ", rule!.Categories.Select(c => $"{c.Name} {c.Units:0.#}")));
        Assert.Equal(8m, rule.Categories.Sum(c => c.Units)); // always the 8 renewal credits
    }

    [Fact]
    public void North_Carolina_categories_need_the_area_and_expiry_and_stop_before_2019()
    {
        var categories = Profile("nc").Categories;

        Assert.Contains("license area", Conversion.CategoriesFor(categories, null, new DateOnly(2026, 6, 30)).Problem);
        Assert.Contains("expires", Conversion.CategoriesFor(categories, "K-5", null).Problem);
        Assert.Contains("29 June 2019", Conversion.CategoriesFor(categories, "K-5", new DateOnly(2019, 6, 29)).Problem);
        Assert.Equal((null, null), Conversion.CategoriesFor(Profile("tn").Categories, null, null)); // Tennessee has no categories
    }

    [Theory]
    [InlineData("pa", "1234567", true)]
    [InlineData("pa", "123456", false)]
    [InlineData("pa", "12345678", false)]
    [InlineData("pa", "12345a7", false)]
    [InlineData("pa", " 1234567", false)]
    [InlineData("tx", "1234567", true)]
    [InlineData("tx", "1234567890", true)]
    [InlineData("tx", "123456", false)]
    [InlineData("tn", "000204518", true)]
    [InlineData("tn", "12345", false)]
    [InlineData("nc", "", false)]
    public void Each_states_educator_identifier_is_checked_in_its_form(string code, string value, bool matches) =>
        Assert.Equal(matches, Profile(code).IdMatches(value));

    [Fact]
    public void What_public_material_did_not_settle_is_listed_field_by_field()
    {
        Assert.Contains(Profile("pa").UnconfirmedNotes(), n => n.StartsWith("File: The PERMS upload layout is not public", StringComparison.Ordinal));
        Assert.Contains(Profile("tx").UnconfirmedNotes(), n => n.StartsWith("Educator identifier:", StringComparison.Ordinal) && n.Contains("7 and 10 digits"));
        Assert.All(ProfileCatalog.Shipped, p => Assert.NotEmpty(p.Versions[^1].Definition.UnconfirmedNotes()));
    }

    [Fact]
    public void A_profile_whose_field_cites_nothing_or_names_an_unknown_field_is_refused_with_each_reason()
    {
        var tx = Profile("tx");
        var broken = tx with
        {
            Credit = tx.Credit with { Unit = tx.Credit.Unit with { Source = "nowhere" } },
            RecordFile = tx.RecordFile! with { Columns = [.. tx.RecordFile.Columns, new RecordColumn("Shoe size", "shoeSize", null, "tx-232-21")] },
            EducatorId = tx.EducatorId with { Pattern = "([" },
        };

        var refused = Assert.Throws<RuleException>(() => ProfileDefinition.Check(broken));
        Assert.Contains("the unit must cite one of the profile's sources", refused.Message);
        Assert.Contains("unknown field shoeSize", refused.Message);
        Assert.Contains("not a regular expression", refused.Message);
    }

    [Fact]
    public void Ed_Fi_titles_hold_at_most_60_characters_and_total_hours_are_whole_hours_rounded_down()
    {
        var title = Conversion.EdFiTitle("Representation: Flexible Ways to Perceive and Comprehend Content in Every Lesson");

        Assert.InRange(title.Length, 1, 60);
        Assert.EndsWith("…", title);
        Assert.Equal("Short title", Conversion.EdFiTitle(" Short title "));
        Assert.Equal(7, Conversion.EdFiTotalHours(7.9m));
        Assert.Equal(0, Conversion.EdFiTotalHours(0.5m));
    }
}
