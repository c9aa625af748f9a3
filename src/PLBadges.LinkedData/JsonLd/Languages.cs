namespace PLBadges.LinkedData.JsonLd;

internal static class Languages
{
    /// <summary>
    /// A language tag as jsonld.js keeps it (lower case), refused in safe mode unless it is well formed
    /// (jsonld.js's BCP 47 pattern: 1 to 8 letters, then "-" and 1 to 8 letters or digits, repeated).
    /// </summary>
    public static string Checked(string language)
    {
        if (!IsWellFormed(language))
        {
            throw new JsonLdSafeModeException(
                "invalid @language value", language, $"Safe mode: \"{language}\" is not a well-formed language tag.");
        }
        return language.ToLowerInvariant();
    }

    private static bool IsWellFormed(string language)
    {
        var parts = language.Split('-');
        if (parts[0].Length is < 1 or > 8 || !parts[0].All(char.IsAsciiLetter))
        {
            return false;
        }
        return parts.Skip(1).All(part => part.Length is >= 1 and <= 8 && part.All(char.IsAsciiLetterOrDigit));
    }
}
