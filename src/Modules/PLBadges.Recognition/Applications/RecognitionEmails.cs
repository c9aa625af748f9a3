using PLBadges.Abstractions.Notifications;

namespace PLBadges.Recognition.Applications;

public static class RecognitionEmails
{
    /// <summary>The British spelling the templates used first: a district's wording that says {{ programme }} still works.</summary>
    private static readonly IReadOnlyDictionary<string, string> OldNames = new Dictionary<string, string> { ["programme"] = "program" };

    public static readonly EmailTemplateDefinition Received = new(
        "recognition-received",
        "To an educator whose recognition application waits for a reviewer",
        "Received: your application for {{ program }}",
        "Hello {{ name }},\n\nYour application for {{ program }} is with the reviewers. {{ summary }}\n\nFollow it here: {{ link }}",
        ["name", "program", "summary", "link"],
        OldNames);

    public static readonly EmailTemplateDefinition Decided = new(
        "recognition-decided",
        "To an educator when their recognition application is approved or declined",
        "{{ outcome }}: your application for {{ program }}",
        "Hello {{ name }},\n\nYour application for {{ program }} was {{ outcome | downcase }}. {{ summary }}\n\n{{ message }}\n\nSee it and your transcript here: {{ link }}",
        ["name", "program", "outcome", "summary", "message", "link"],
        OldNames);

    public static readonly EmailTemplateDefinition MoreAsked = new(
        "recognition-more-asked",
        "To an educator when a reviewer asks for more before deciding their application",
        "More needed: your application for {{ program }}",
        "Hello {{ name }},\n\nThe reviewer of your application for {{ program }} asks:\n\n{{ message }}\n\nAnswer here: {{ link }}",
        ["name", "program", "message", "link"],
        OldNames);

    public static IEnumerable<EmailTemplateDefinition> All => [Received, Decided, MoreAsked];
}
