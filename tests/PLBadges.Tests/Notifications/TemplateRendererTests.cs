using PLBadges.Notifications.Templates;

namespace PLBadges.Tests.Notifications;

public class TemplateRendererTests
{
    private readonly TemplateRenderer renderer = new();

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public async Task Renders_a_value_into_the_template()
    {
        Assert.Equal("Hello Maya", await renderer.RenderAsync("Hello {{ name }}", Values(("name", "Maya"))));
    }

    [Fact]
    public async Task Does_not_html_encode_values_in_plain_text()
    {
        var text = await renderer.RenderAsync("Hello {{ name }}", Values(("name", "Maya & Sam <maya@example.org> \"O'Neil\"")));

        Assert.Equal("Hello Maya & Sam <maya@example.org> \"O'Neil\"", text);
    }

    [Fact]
    public async Task Does_not_html_encode_a_link_with_a_query_string()
    {
        var text = await renderer.RenderAsync("{{ link }}", Values(("link", "https://badges.example.org/accept?user=7&token=a+b/c=")));

        Assert.Equal("https://badges.example.org/accept?user=7&token=a+b/c=", text);
    }

    [Fact]
    public async Task Renders_conditions_and_filters()
    {
        const string template = "{{ title | upcase }}: {% if decision == 'passed' %}passed{% else %}not yet{% endif %}";

        Assert.Equal("UDL 1: passed", await renderer.RenderAsync(template, Values(("title", "udl 1"), ("decision", "passed"))));
        Assert.Equal("UDL 2: not yet", await renderer.RenderAsync(template, Values(("title", "udl 2"), ("decision", "not-yet"))));
    }

    [Fact]
    public async Task Renders_a_multi_line_email_body_keeping_its_line_breaks()
    {
        const string template = "Hello {{ name }},\n\n{{ organization }} has invited you.\n{{ link }}\n";

        var text = await renderer.RenderAsync(template, Values(("name", "Maya"), ("organization", "Riverbend USD"), ("link", "https://x.test/a")));

        Assert.Equal("Hello Maya,\n\nRiverbend USD has invited you.\nhttps://x.test/a\n", text);
    }

    [Fact]
    public async Task A_missing_value_renders_as_nothing()
    {
        Assert.Equal("Hello !", await renderer.RenderAsync("Hello {{ name }}!", Values()));
    }

    [Fact]
    public async Task The_same_template_renders_each_call_with_that_call_s_values()
    {
        Assert.Equal("Hello Maya", await renderer.RenderAsync("Hello {{ name }}", Values(("name", "Maya"))));
        Assert.Equal("Hello Sam", await renderer.RenderAsync("Hello {{ name }}", Values(("name", "Sam"))));
    }

    [Fact]
    public async Task Rendering_a_broken_template_throws_saying_it_does_not_parse()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => renderer.RenderAsync("Hello {{ name ", Values(("name", "Maya"))));

        Assert.Contains("does not parse", ex.Message);
    }

    [Theory]
    [InlineData("Hello {{ name }}")]
    [InlineData("Plain text with no Liquid at all.")]
    [InlineData("{% if reviewer %}Reviewed by {{ reviewer }}{% endif %}")]
    [InlineData("{% for step in steps %}- {{ step }}\n{% endfor %}")]
    public void Validate_returns_null_for_a_good_template(string template)
    {
        Assert.Null(TemplateRenderer.Validate(template));
    }

    [Theory]
    [InlineData("Hello {{ name ")]
    [InlineData("{% if %}yes{% endif %}")]
    [InlineData("{% if name %}never closed")]
    [InlineData("{% endfor %}")]
    [InlineData("{% nosuchtag %}")]
    public void Validate_returns_a_message_for_a_broken_template(string template)
    {
        var error = TemplateRenderer.Validate(template);

        Assert.False(string.IsNullOrWhiteSpace(error), $"Expected an error for: {template}");
    }

    // The limits are the renderer's contract (TemplateLimitException and its Limit), not the engine's: another engine must pass these too.
    [Theory]
    [InlineData("{% for i in (1..1000000) %}x{% endfor %}")] // the loop of a million
    [InlineData("{% for i in (1..200) %}{% for j in (1..200) %}{% endfor %}{% endfor %}")] // nested: 40,000 passes of loops each far under the limit
    [InlineData("{% for i in (1..2000000000) %}{% endfor %}")] // a range too large even to list
    public async Task Loops_stop_at_the_step_limit(string template)
    {
        var stopped = await Assert.ThrowsAsync<TemplateLimitException>(() => renderer.RenderAsync(template, Values()));

        Assert.Equal(TemplateLimit.Steps, stopped.Limit);
        Assert.Contains("10,000", stopped.Message);
    }

    [Fact]
    public async Task Loops_within_the_step_limit_render()
    {
        var text = await renderer.RenderAsync("{% for i in (1..100) %}{% for j in (1..99) %}.{% endfor %}{% endfor %}", Values());

        Assert.Equal(9_900, text.Length);
    }

    [Theory]
    [InlineData("{% for i in (1..5000) %}{{ line }}{% endfor %}")] // 5,000 × 100 characters
    [InlineData("{% assign s = line %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}")] // a value doubled in a loop
    [InlineData("{% capture c %}{% for i in (1..5000) %}{{ line }}{% endfor %}{% endcapture %}{{ c | size }}")] // captured, not written
    public async Task Text_stops_at_the_output_limit(string template)
    {
        var stopped = await Assert.ThrowsAsync<TemplateLimitException>(() => renderer.RenderAsync(template, Values(("line", new string('x', 100)))));

        Assert.Equal(TemplateLimit.Output, stopped.Limit);
        Assert.Contains("100,000 characters", stopped.Message);
    }

    [Fact]
    public async Task A_loop_within_the_pass_limit_that_does_too_much_work_stops_at_the_step_limit()
    {
        // 5,000 passes, each running 41 statements: all the work is counted, not only the passes.
        var template = "{% for i in (1..5000) %}" + string.Concat(Enumerable.Repeat("{{ nothing }}", 41)) + "{% endfor %}";

        var stopped = await Assert.ThrowsAsync<TemplateLimitException>(() => renderer.RenderAsync(template, Values()));

        Assert.Equal(TemplateLimit.Steps, stopped.Limit);
        Assert.Contains("200,000", stopped.Message);
    }

    [Fact]
    public async Task Counting_loop_passes_keeps_a_blank_loop_writing_nothing()
    {
        Assert.Equal("[]", await renderer.RenderAsync("[{% for i in (1..3) %}  {% endfor %}]", Values()));
        Assert.Equal("[ 1  2 ]", await renderer.RenderAsync("[{% for i in (1..2) %} {{ i }} {% endfor %}]", Values()));
    }

    [Fact]
    public async Task Renders_numbers_yes_no_values_lists_and_nested_values()
    {
        var text = await renderer.RenderAsync(
            "{{ count }} {{ passed }} {% for item in items %}{{ item }};{% endfor %} {{ items | join: ', ' }} {{ district.name }}",
            Values(("count", 3), ("passed", true), ("items", new List<string> { "UDL 1", "UDL 2" }), ("district", new Dictionary<string, object?> { ["name"] = "Riverbend" })));

        Assert.Equal("3 true UDL 1;UDL 2; UDL 1, UDL 2 Riverbend", text);
    }

    [Theory]
    [InlineData("{% include 'footer' %}", "include")]
    [InlineData("{% render 'footer' %}", "render")]
    public void Other_templates_cannot_be_included(string template, string tag)
    {
        Assert.Contains(tag, TemplateRenderer.Validate(template));
    }

    [Fact]
    public void The_html_table_loop_is_not_offered_in_email_templates()
    {
        Assert.Contains("tablerow", TemplateRenderer.Validate("{% tablerow i in (1..5) %}{{ i }}{% endtablerow %}"));
    }
}
