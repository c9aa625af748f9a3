using DotLiquid;
using DotLiquid.Exceptions;

namespace PLBadges.Notifications.Templates;

/// <summary>
/// Renders Liquid subject and body templates. The engine is DotLiquid: Fluid (the design's choice)
/// cannot start with the Parlot version this package registry holds (see docs/adr/0005).
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>Checks that a template parses; returns the parser's message when it does not.</summary>
    public static string? Validate(string source)
    {
        try
        {
            Template.Parse(source);
            return null;
        }
        catch (LiquidException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Plain text: values are not HTML-encoded here; the HTML part of an email encodes the whole text.</summary>
    public Task<string> RenderAsync(string source, IReadOnlyDictionary<string, object?> model)
    {
        Template template;
        try
        {
            // Parsed per call: a parsed DotLiquid template keeps per-render state, and mail is not a hot path.
            template = Template.Parse(source);
        }
        catch (LiquidException ex)
        {
            throw new InvalidOperationException($"The template does not parse: {ex.Message}", ex);
        }

        var values = Hash.FromDictionary(model.ToDictionary(p => p.Key, p => p.Value));
        var output = template.Render(new RenderParameters(System.Globalization.CultureInfo.InvariantCulture) { LocalVariables = values, ErrorsOutputMode = ErrorsOutputMode.Rethrow });
        return Task.FromResult(output);
    }
}
