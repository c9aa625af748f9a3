using System.Runtime.InteropServices;

namespace PLBadges.Typesetting;

/// <summary>How a paragraph's base direction is chosen: from its first strong letter (UAX #9 rules P2 and P3, left-to-right when it has none), or given.</summary>
public enum TextDirection
{
    Auto,
    LeftToRight,
    RightToLeft,
}

/// <summary>A paragraph's embedding levels: even levels read left to right, odd ones right to left.</summary>
public sealed class BidiParagraph
{
    internal BidiParagraph(string text, byte paragraphLevel, byte[] levels)
    {
        Text = text;
        ParagraphLevel = paragraphLevel;
        Levels = levels;
    }

    public string Text { get; }

    public byte ParagraphLevel { get; }

    public bool RightToLeft => (ParagraphLevel & 1) == 1;

    /// <summary>One level per UTF-16 unit of <see cref="Text"/>.</summary>
    public IReadOnlyList<byte> Levels { get; }
}

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9) through ICU's ubidi, from the ICU that .NET itself loads for
/// globalization on Linux (the site runs with <c>InvariantGlobalization</c> off, so ICU is always there). ICU renames
/// its C symbols with its major version (<c>ubidi_open_72</c>), so the library and its suffix are found by probing,
/// not hard-coded; builds without renaming (Windows' icu.dll, macOS) export the plain names. Reordering a line
/// (rule L2) is done here, per line, after wrapping, as UAX #9 requires.
/// </summary>
public static unsafe class Bidi
{
    private const byte DefaultLeftToRight = 0xFE; // UBIDI_DEFAULT_LTR: P2/P3, left to right without a strong letter

    private static readonly Lazy<IcuBidi> Icu = new(IcuBidi.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ICU library and symbol suffix in use, such as "libicuuc.so.72 (_72)": for diagnostics.</summary>
    public static string IcuLibrary => Icu.Value.Description;

    /// <summary>Resolves the paragraph's embedding levels (rules P2 to I2). Explicit embeddings and isolates in the text are honoured.</summary>
    public static BidiParagraph Analyze(string text, TextDirection direction = TextDirection.Auto)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphLevel = direction switch
        {
            TextDirection.LeftToRight => (byte)0,
            TextDirection.RightToLeft => (byte)1,
            _ => DefaultLeftToRight,
        };
        if (text.Length == 0)
        {
            return new BidiParagraph(text, paragraphLevel == DefaultLeftToRight ? (byte)0 : paragraphLevel, []);
        }

        var icu = Icu.Value;
        var bidi = icu.Open();
        if (bidi == 0)
        {
            throw new InvalidOperationException("ICU could not allocate a bidi object.");
        }

        try
        {
            var error = 0;
            fixed (char* chars = text)
            {
                // ubidi_setPara keeps a pointer to the text: everything that reads it stays inside this fixed block.
                icu.SetPara(bidi, chars, text.Length, paragraphLevel, null, &error);
                Check(error, "ubidi_setPara");
                var levels = icu.GetLevels(bidi, &error);
                Check(error, "ubidi_getLevels");
                return new BidiParagraph(text, icu.GetParaLevel(bidi), new ReadOnlySpan<byte>(levels, text.Length).ToArray());
            }
        }
        finally
        {
            icu.Close(bidi);
        }
    }

    /// <summary>
    /// Rule L2 on one line: the order in which to show the line's items (characters or runs), given each item's level.
    /// From the highest level down to the lowest odd level, every maximal sequence at that level or higher is reversed.
    /// </summary>
    public static int[] VisualOrder(ReadOnlySpan<byte> levels)
    {
        var order = new int[levels.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (levels.Length == 0)
        {
            return order;
        }

        byte highest = 0, lowestOdd = byte.MaxValue;
        foreach (var level in levels)
        {
            highest = Math.Max(highest, level);
            if ((level & 1) == 1)
            {
                lowestOdd = Math.Min(lowestOdd, level);
            }
        }

        for (var level = highest; level >= lowestOdd && level > 0; level--)
        {
            for (var i = 0; i < order.Length;)
            {
                if (levels[order[i]] < level)
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end < order.Length && levels[order[end]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, i, end - i);
                i = end;
            }
        }

        return order;
    }

    private static void Check(int error, string call)
    {
        if (error > 0)
        {
            throw new InvalidOperationException($"ICU's {call} failed with error {error}.");
        }
    }

    private sealed class IcuBidi
    {
        private IcuBidi(nint library, string suffix, string description)
        {
            Description = description;
            nint Export(string name) => NativeLibrary.GetExport(library, name + suffix);
            Open = (delegate* unmanaged<nint>)Export("ubidi_open");
            SetPara = (delegate* unmanaged<nint, char*, int, byte, byte*, int*, void>)Export("ubidi_setPara");
            GetLevels = (delegate* unmanaged<nint, int*, byte*>)Export("ubidi_getLevels");
            GetParaLevel = (delegate* unmanaged<nint, byte>)Export("ubidi_getParaLevel");
            Close = (delegate* unmanaged<nint, void>)Export("ubidi_close");
        }

        public string Description { get; }

        public delegate* unmanaged<nint> Open { get; }

        public delegate* unmanaged<nint, char*, int, byte, byte*, int*, void> SetPara { get; }

        public delegate* unmanaged<nint, int*, byte*> GetLevels { get; }

        public delegate* unmanaged<nint, byte> GetParaLevel { get; }

        public delegate* unmanaged<nint, void> Close { get; }

        public static IcuBidi Load()
        {
            foreach (var (name, versions) in Candidates())
            {
                if (!NativeLibrary.TryLoad(name, typeof(Bidi).Assembly, null, out var library))
                {
                    continue;
                }

                foreach (var suffix in versions.Select(v => $"_{v}").Append(""))
                {
                    if (NativeLibrary.TryGetExport(library, "ubidi_open" + suffix, out _))
                    {
                        return new IcuBidi(library, suffix, $"{name} ({(suffix.Length == 0 ? "unversioned symbols" : suffix)})");
                    }
                }
            }

            throw new PlatformNotSupportedException(
                "ICU's bidi functions were not found (libicuuc on Linux). Install ICU (Debian: libicu72 or later) and run with InvariantGlobalization off.");
        }

        /// <summary>Library names to try, each with the ICU major versions whose symbol suffixes it may carry.</summary>
        private static IEnumerable<(string Name, IReadOnlyList<int> Versions)> Candidates()
        {
            var all = Enumerable.Range(50, 50).Reverse().ToList();
            if (OperatingSystem.IsWindows())
            {
                yield return ("icu.dll", []);
                yield return ("icuuc.dll", all);
                yield break;
            }

            if (OperatingSystem.IsMacOS())
            {
                yield return ("libicucore.dylib", []);
                yield break;
            }

            // .NET honours CLR_ICU_VERSION_OVERRIDE ("72" or "72.1") when it picks its ICU; follow it first.
            if (Environment.GetEnvironmentVariable("CLR_ICU_VERSION_OVERRIDE") is { Length: > 0 } pinned
                && int.TryParse(pinned.Split('.')[0], out var major))
            {
                yield return ($"libicuuc.so.{pinned}", [major]);
                yield return ($"libicuuc.so.{major}", [major]);
            }

            foreach (var version in all)
            {
                yield return ($"libicuuc.so.{version}", [version]);
            }

            yield return ("libicuuc.so", all);
        }
    }
}
