using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PLBadges.TestTools;

/// <summary>
/// poppler-utils (Debian's package), an independent PDF reader: pdftotext, pdffonts and pdftoppm. Linked into the test
/// projects that read PDFs back (scripts/test-deps.sh installs it).
/// </summary>
internal static class Poppler
{
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-enc UTF-8 {0} -");

    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{0}");

    /// <summary>The first page as a PNG at the given resolution, as a printer or a phone's camera would see it.</summary>
    public static byte[] FirstPagePng(byte[] pdf, int dpi = 150)
    {
        var output = Path.Combine(Path.GetTempPath(), $"plbadges-{Guid.NewGuid():N}");
        try
        {
            Run("pdftoppm", pdf, $"-png -r {dpi} -f 1 -l 1 -singlefile {{0}} {output}");
            return File.ReadAllBytes(output + ".png");
        }
        finally
        {
            File.Delete(output + ".png");
        }
    }

    private static string Run(string tool, byte[] pdf, string arguments) =>
        ExternalTool.Run(tool, pdf, ".pdf", arguments, "poppler-utils");
}

/// <summary>zbar-tools (Debian's package): zbarimg reads the QR codes in an image, independently of the code that drew them.</summary>
internal static class Zbar
{
    /// <summary>The text of every QR code zbarimg finds in the image, one per line.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] png) =>
        ExternalTool.Run("zbarimg", png, ".png", "--quiet --raw -Sdisable -Sqrcode.enable {0}", "zbar-tools")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Node.js running one of tests/node's scripts: a JSON request on standard input, a JSON array of answers on standard output.</summary>
internal static class NodeScript
{
    public static JsonArray Run(string script, JsonObject request)
    {
        var start = new ProcessStartInfo("node", script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) // a guard against a hung process, not a measurement
        {
            process.Kill();
            throw new InvalidOperationException($"Node did not finish {Path.GetFileName(script)}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Node failed on {Path.GetFileName(script)}: {errors.Result}");
        }

        return JsonNode.Parse(output.Result)!.AsArray();
    }
}

internal static class ExternalTool
{
    /// <summary>Runs a command-line tool on bytes written to a temporary file ({0} in the arguments), and returns what it printed.</summary>
    public static string Run(string tool, byte[] input, string extension, string arguments, string package)
    {
        var path = Path.Combine(Path.GetTempPath(), $"plbadges-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, input);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, string.Format(arguments, path))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            }) ?? throw new InvalidOperationException($"{tool} did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors.Result}");
            }

            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: apt-get install -y {package} (scripts/test-deps.sh does).", e);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
