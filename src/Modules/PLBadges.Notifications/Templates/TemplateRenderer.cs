using System.Text;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace PLBadges.Notifications.Templates;

/// <summary>Which limit a template went past while rendering.</summary>
public enum TemplateLimit
{
    /// <summary>Its loops ran more times, in all, than <see cref="TemplateRenderer.MaxSteps"/> (or it listed more items, or did more work in all, than such loops could).</summary>
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
/// Renders Liquid subject and body templates with Fluid (docs/adr/0005). Districts write these
/// templates, so rendering is bounded whatever they write: loop passes are counted across the whole
/// template (<see cref="MaxSteps"/>), Fluid's own step limit bounds all the work, the text written
/// and any value assigned or captured is bounded (<see cref="MaxOutputChars"/>), and a time limit
/// stands behind them. Going past one is a <see cref="TemplateLimitException"/>; these limits are the
/// renderer's contract, which another engine must keep.
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>Loop passes in one rendering, all loops together (an email needs a handful).</summary>
    public const int MaxSteps = 10_000;

    /// <summary>Characters one rendering may write, or hold in one variable.</summary>
    public const int MaxOutputChars = 100_000;

    /// <summary>A safety net only: the step and output limits stop a template long before this.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    /// <summary>Fluid's steps: every statement run, loop passes included (room for 20 statements in each of <see cref="MaxSteps"/> passes).</summary>
    internal const int MaxStatements = 20 * MaxSteps;

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithCultureInfo(System.Globalization.CultureInfo.InvariantCulture)
        .WithMaxSteps(MaxStatements)
        .WithMaxOutputSize(MaxOutputChars) // what is written, captured, or built by a string filter
        .WithMaxCollectionSize(MaxSteps) // a range or list longer than the loop budget could never be looped over
        .WithAssigned((_, value, context) => Bounded(value, context))
        .WithCaptured((_, value, context) => Bounded(value, context))
        .Build();

    /// <summary>Checks that a template parses; returns the parser's message when it does not.</summary>
    public static string? Validate(string source)
    {
        try
        {
            Parse(source, new StepBudget());
            return null;
        }
        catch (ParseException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Plain text: values are not HTML-encoded here; the HTML part of an email encodes the whole text.</summary>
    /// <exception cref="TemplateLimitException">The template went past a limit.</exception>
    public async Task<string> RenderAsync(string source, IReadOnlyDictionary<string, object?> model)
    {
        var budget = new StepBudget();
        IFluidTemplate template;
        try
        {
            // Parsed per call: the loop counters are tied to this rendering's budget, and mail is not a hot path.
            template = Parse(source, budget);
        }
        catch (ParseException ex)
        {
            throw new InvalidOperationException($"The template does not parse: {ex.Message}", ex);
        }

        using var timeLimit = new CancellationTokenSource(MaxTime);
        var context = new TemplateContext(Options) { CancellationToken = timeLimit.Token };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value ?? NilValue.Instance);
        }

        using var output = new BoundedWriter();
        try
        {
            await template.RenderAsync(output, context, NullEncoder.Default);
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested)
        {
            throw new TemplateLimitException(TemplateLimit.Time, $"The template took longer than {MaxTime.TotalSeconds:0} seconds to fill in.");
        }
        catch (InvalidOperationException ex) when (FluidLimit(ex) is { } limit)
        {
            throw limit;
        }

        return output.ToString();
    }

    private static IFluidTemplate Parse(string source, StepBudget budget)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            // The first line says what is wrong and where; the rest repeats the source.
            throw new ParseException(error.Split('\n', 2)[0].Trim());
        }

        return new CountedLoops(budget).VisitTemplate(template);
    }

    /// <summary>Fluid says which of its limits stopped a template only by the helper that threw (engine-specific; the limit tests pin it).</summary>
    private static TemplateLimitException? FluidLimit(InvalidOperationException ex) => ex.TargetSite?.Name switch
    {
        "ThrowMaximumOutputSizeException" => OutputExceeded(),
        "ThrowMaximumCollectionSizeException" => StepsExceeded(), // a range is listed before a loop repeats over it
        "ThrowMaximumStepsException" => new(TemplateLimit.Steps, $"The template does more than {MaxStatements:N0} steps of work; an email needs far fewer."),
        _ => null,
    };

    /// <summary>A value assigned or captured: Fluid bounds what its own filters build, this bounds whatever built it.</summary>
    private static ValueTask<FluidValue> Bounded(FluidValue value, TemplateContext context) =>
        value is StringValue && value.ToStringValue(context).Length > MaxOutputChars ? throw OutputExceeded() : ValueTask.FromResult(value);

    private static TemplateLimitException StepsExceeded() =>
        new(TemplateLimit.Steps, $"The template's loops repeat more than {MaxSteps:N0} times in all; an email needs far fewer.");

    private static TemplateLimitException OutputExceeded() =>
        new(TemplateLimit.Output, $"The template makes more than {MaxOutputChars:N0} characters of text; an email needs far fewer.");

    /// <summary>The loop passes left for one rendering.</summary>
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

    /// <summary>
    /// Counts each pass of every "for" against the rendering's budget (Fluid's own step limit counts every
    /// statement, so it cannot say "passes"), and refuses tablerow (HTML tables are of no use in a plain-text email),
    /// include and render.
    /// </summary>
    private sealed class CountedLoops(StepBudget budget) : AstRewriter
    {
        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            var loop = (ForStatement)base.VisitForStatement(forStatement);
            var step = new CallbackStatement((_, _, _) =>
            {
                budget.Take();
                return new ValueTask<Completion>(Completion.Normal);
            });

            // A body of only blank text writes nothing (Liquid skips it): the counter then stands in for it, so it still writes nothing.
            List<Statement> body = [step];
            if (loop.Statements is not [TextSpanStatement { IsWhitespaceOrCommentOnly: true }])
            {
                body.AddRange(loop.Statements);
            }

            return new ForStatement(body, loop.Identifier, loop.Source, loop.Limit, loop.Offset, loop.Reversed, loop.Else);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement) => throw Unavailable("tablerow");

        // Email templates have no other templates to include; refused here rather than failing when the mail is sent.
        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement) => throw Unavailable("include");

        protected override Statement VisitRenderStatement(RenderStatement renderStatement) => throw Unavailable("render");

        private static ParseException Unavailable(string tag) => new($"The {tag} tag is not available in email templates.");
    }

    /// <summary>A writer that stops at the output limit, so the text never grows past it whatever the engine counts.</summary>
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
