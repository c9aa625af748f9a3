using System.Diagnostics;

namespace PLBadges.Typesetting.Tests;

/// <summary>poppler-utils (Debian's package), an independent PDF reader: pdftotext and pdffonts.</summary>
internal static class Poppler
{
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-enc UTF-8 {0} -");

    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{0}");

    private static string Run(string tool, byte[] pdf, string arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"plbadges-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, string.Format(arguments, path))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            }) ?? throw new InvalidOperationException($"{tool} did not start.");
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {errors}");
            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: apt-get install -y poppler-utils (scripts/test-deps.sh does).", e);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
