using System.Text;
using DotLiquid;
using DotLiquid.Exceptions;
using DotLiquid.Tags;

namespace PLBadges.Notifications.Templates;

/// <summary>Which limit a template went past while rendering.</summary>
public enum TemplateLimit
{
    /// <summary>Its loops ran more times, in all, than <see cref="TemplateRenderer.MaxSteps"/>.</summary>
    Steps,

    /// <summary>It wrote (or put into a variable) more than <see cref="TemplateRenderer.MaxOutputChars"/> characters.</summary>
    Output,

    /// <summary>It ran longer than <see cref="TemplateRenderer.MaxTime"/>: a safety net behind the other two.</summary>
    Time,
}

/// <summary>A template stopped at a limit; the message says which, in words for the district's editor.</summary>
public sealed class TemplateLimitException(TemplateLimit limit, string message) : InvalidOperationException(message)
{
    public TemplateLimit Limit { get; } = limit;
}

/// <summary>
/// Renders Liquid subject and body templates. The engine is DotLiquid: Fluid (the design's choice)
/// cannot start with the Parlot version this package registry holds (see docs/adr/0005).
/// Districts write these templates, so rendering is bounded whatever they write: loop iterations
/// are counted across the whole template (<see cref="MaxSteps"/>), the text written and any value
/// assigned or captured is bounded (<see cref="MaxOutputChars"/>), and a time limit stands behind
/// both. Going past one is a <see cref="TemplateLimitException"/>; these limits are the renderer's
/// contract, which another engine must keep.
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>Loop iterations in one rendering, all loops together (an email needs a handful).</summary>
    public const int MaxSteps = 10_000;

    /// <summary>Characters one rendering may write, or hold in one variable.</summary>
    public const int MaxOutputChars = 100_000;

    /// <summary>A safety net only: the step and output limits stop a template long before this.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    private const string BudgetKey = "plbadges.steps";

    static TemplateRenderer()
    {
        // The loop and variable tags, counted and bounded; tablerow (HTML tables, of no use in a plain-text email) is not offered.
        // DotLiquid registers its own tags when its Liquid class first loads: load it now, so these replace them and not the reverse.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Liquid).TypeHandle);
        Template.RegisterTag<CountedFor>("for");
        Template.RegisterTag<BoundedAssign>("assign");
        Template.RegisterTag<BoundedCapture>("capture");
        Template.RegisterTag<Unavailable>("tablerow");
    }

    /// <summary>Checks that a template parses; returns the parser's message when it does not.</summary>
    public static string? Validate(string source)
    {
        try
        {
            Parse(source);
            return null;
        }
        catch (LiquidException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Plain text: values are not HTML-encoded here; the HTML part of an email encodes the whole text.</summary>
    /// <exception cref="TemplateLimitException">The template went past a limit.</exception>
    public Task<string> RenderAsync(string source, IReadOnlyDictionary<string, object?> model)
    {
        Template template;
        try
        {
            // Parsed per call: a parsed DotLiquid template keeps per-render state, and mail is not a hot path.
            template = Parse(source);
        }
        catch (LiquidException ex)
        {
            throw new InvalidOperationException($"The template does not parse: {ex.Message}", ex);
        }

        var values = Hash.FromDictionary(model.ToDictionary(p => p.Key, p => p.Value));
        using var output = new BoundedWriter();
        try
        {
            template.Render(output, new RenderParameters(System.Globalization.CultureInfo.InvariantCulture)
            {
                LocalVariables = values,
                Registers = Hash.FromDictionary(new Dictionary<string, object> { [BudgetKey] = new StepBudget() }),
                ErrorsOutputMode = ErrorsOutputMode.Rethrow,
                MaxIterations = MaxSteps, // one loop over a huge range stops here before its items are even listed
                Timeout = (int)MaxTime.TotalMilliseconds,
            });
        }
        catch (TimeoutException)
        {
            throw new TemplateLimitException(TemplateLimit.Time, $"The template took longer than {MaxTime.TotalSeconds:0} seconds to fill in.");
        }
        catch (RenderException ex) when (ex.GetType().Name == "MaximumIterationsExceededException")
        {
            throw StepsExceeded();
        }

        return Task.FromResult(output.ToString());
    }

    private static Template Parse(string source) => Template.Parse(source);

    private static TemplateLimitException StepsExceeded() =>
        new(TemplateLimit.Steps, $"The template's loops repeat more than {MaxSteps:N0} times in all; an email needs far fewer.");

    private static TemplateLimitException OutputExceeded() =>
        new(TemplateLimit.Output, $"The template makes more than {MaxOutputChars:N0} characters of text; an email needs far fewer.");

    /// <summary>The loop iterations left for one rendering.</summary>
    private sealed class StepBudget
    {
        private int taken;

        public void Take()
        {
            if (++taken > MaxSteps)
            {
                throw StepsExceeded();
            }
        }
    }

    /// <summary>Rendered first in every pass of a loop's body: counts the pass against the rendering's budget.</summary>
    private sealed class Step : Tag
    {
        public override void Render(Context context, TextWriter result) => (context.Registers[BudgetKey] as StepBudget)?.Take();
    }

    /// <summary>"for", with each pass of its body counted (DotLiquid's own limit is per loop, so nested loops multiply past it).</summary>
    private sealed class CountedFor : For
    {
        protected override void Parse(List<string> tokens)
        {
            var body = NodeList; // the loop's body; an "else" part, if any, gets a list of its own while parsing
            base.Parse(tokens);
            body.Insert(0, new Step());
        }
    }

    /// <summary>"assign", refusing a value longer than the output limit (a value doubled in a loop grows fast).</summary>
    private sealed class BoundedAssign : Assign
    {
        private string variable = "";

        public override void Initialize(string tagName, string markup, List<string> tokens)
        {
            variable = markup.Split('=', 2)[0].Trim();
            base.Initialize(tagName, markup, tokens);
        }

        public override void Render(Context context, TextWriter result)
        {
            base.Render(context, result);
            if (context.Scopes.Last()[variable] is string { Length: > MaxOutputChars })
            {
                throw OutputExceeded();
            }
        }
    }

    /// <summary>"capture", writing into a bounded buffer rather than an unbounded one.</summary>
    private sealed class BoundedCapture : Capture
    {
        private string variable = "";

        public override void Initialize(string tagName, string markup, List<string> tokens)
        {
            variable = markup.Trim().Trim('"', '\'');
            base.Initialize(tagName, markup, tokens);
        }

        public override void Render(Context context, TextWriter result)
        {
            using var captured = new BoundedWriter();
            RenderAll(NodeList, context, captured);
            context.Scopes.Last()[variable] = captured.ToString();
        }
    }

    private sealed class Unavailable : Tag
    {
        public override void Initialize(string tagName, string markup, List<string> tokens) =>
            throw new SyntaxException($"The {tagName} tag is not available in email templates.");
    }

    /// <summary>A writer that stops at the output limit, so the text never grows past it.</summary>
    private sealed class BoundedWriter() : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        private readonly StringBuilder text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            Room(1);
            text.Append(value);
        }

        public override void Write(string? value)
        {
            Room(value?.Length ?? 0);
            text.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Room(count);
            text.Append(buffer, index, count);
        }

        public override string ToString() => text.ToString();

        private void Room(int more)
        {
            if (text.Length + more > MaxOutputChars)
            {
                throw OutputExceeded();
            }
        }
    }
}
