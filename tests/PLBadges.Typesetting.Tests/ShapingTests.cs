namespace PLBadges.Typesetting.Tests;

/// <summary>HarfBuzz shaping in the shipped fonts, and which face each part of a string falls back to.</summary>
public class ShapingTests
{
    private static readonly TextLayout Layout = TextLayout.Shipped;
    private static readonly TextStyle Style = new(12);

    [Fact]
    public void Arabic_letters_take_their_joined_forms_not_the_isolated_ones()
    {
        const string Word = "محمد"; // meem (initial), hah (medial), meem (medial), dal (final)
        var run = Assert.Single(Layout.Line(Word, Style).Runs);
        Assert.Equal("Noto Sans Arabic", run.Font.Family);
        Assert.True(run.RightToLeft);
        Assert.Equal(4, run.Glyphs.Count);

        for (var g = 0; g < run.Glyphs.Count; g++)
        {
            var letter = Word[run.Clusters[g]].ToString();
            var isolated = Assert.Single(Layout.Line(letter, Style).Runs).Glyphs.Single();
            Assert.NotEqual(isolated, run.Glyphs[g]);
        }

        // Both meems are the same letter, yet initial and medial forms are different glyphs.
        var meems = Enumerable.Range(0, 4).Where(g => Word[run.Clusters[g]] == 'م').Select(g => run.Glyphs[g]).ToList();
        Assert.Equal(2, meems.Distinct().Count());
    }

    [Fact]
    public void A_right_to_left_run_lists_its_glyphs_from_the_last_letter_to_the_first()
    {
        var run = Assert.Single(Layout.Line("محمد", Style).Runs);
        Assert.Equal([3, 2, 1, 0], run.Clusters);
        Assert.True(run.Positions.Zip(run.Positions.Skip(1)).All(p => p.First.X < p.Second.X));
    }

    [Fact]
    public void Each_script_in_a_mixed_string_gets_the_face_that_has_it()
    {
        var line = Layout.Line("Nguyễn Ελένη Пётр محمد 王小明 שלום", Style);
        string FaceOf(string word) => line.Runs.Single(r => r.Text.Contains(word)).Font.Family;

        Assert.Equal("Noto Sans", FaceOf("Nguyễn"));
        Assert.Equal("Noto Sans", FaceOf("Ελένη"));
        Assert.Equal("Noto Sans", FaceOf("Пётр"));
        Assert.Equal("Noto Sans Arabic", FaceOf("محمد"));
        Assert.Equal("Noto Sans CJK SC", FaceOf("王小明"));
        Assert.Equal("Noto Sans Hebrew", FaceOf("שלום"));
        Assert.DoesNotContain(line.Runs, r => r.Glyphs.Contains((ushort)0)); // no .notdef box anywhere
    }

    [Fact]
    public void Every_test_name_has_a_glyph_for_every_letter()
    {
        foreach (var name in Names.All)
        {
            var line = Layout.Line(name, new TextStyle(12, FontWeight.Bold));
            Assert.DoesNotContain(line.Runs, r => r.Glyphs.Contains((ushort)0));
        }
    }

    [Fact]
    public void A_character_no_shipped_face_has_stays_with_its_neighbours_and_shows_the_missing_glyph_box()
    {
        var line = Layout.Line("Ada \U0001F600 Lovelace", Style); // an emoji: not in the set
        var run = Assert.Single(line.Runs);
        Assert.Equal("Noto Sans", run.Font.Family);
        Assert.Contains((ushort)0, run.Glyphs);
    }

    [Fact]
    public void Bold_Han_is_emboldened_from_the_regular_face_and_bold_Latin_uses_the_bold_face()
    {
        var line = Layout.Line("Wang 王小明", new TextStyle(12, FontWeight.Bold));
        var han = line.Runs.Single(r => r.Text.Contains("王"));
        var latin = line.Runs.Single(r => r.Text.Contains("Wang"));

        Assert.True(han.SyntheticBold);
        Assert.Equal(FontWeight.Regular, han.Font.Weight);
        Assert.False(latin.SyntheticBold);
        Assert.Equal(FontWeight.Bold, latin.Font.Weight);
    }

    [Fact]
    public void Each_shipped_face_names_the_family_it_is_listed_under()
    {
        Assert.All(FontSet.Shipped.Faces, face => Assert.Equal(face.Family, face.Typeface.FamilyName));
        Assert.Equal(7, FontSet.Shipped.Faces.Count());
    }
}
