using PLBadges.Abstractions.Notifications;

namespace PLBadges.Recognition.Applications;

public static class RecognitionEmails
{
    public static readonly EmailTemplateDefinition Received = new(
        "recognition-received",
        "To an educator whose recognition application waits for a reviewer",
        "Received: your application for {{ programme }}",
        "Hello {{ name }},\n\nYour application for {{ programme }} is with the reviewers. {{ summary }}\n\nFollow it here: {{ link }}",
        ["name", "programme", "summary", "link"]);

    public static readonly EmailTemplateDefinition Decided = new(
        "recognition-decided",
        "To an educator when their recognition application is approved or declined",
        "{{ outcome }}: your application for {{ programme }}",
        "Hello {{ name }},\n\nYour application for {{ programme }} was {{ outcome | downcase }}. {{ summary }}\n\n{{ message }}\n\nSee it and your transcript here: {{ link }}",
        ["name", "programme", "outcome", "summary", "message", "link"]);

    public static readonly EmailTemplateDefinition MoreAsked = new(
        "recognition-more-asked",
        "To an educator when a reviewer asks for more before deciding their application",
        "More needed: your application for {{ programme }}",
        "Hello {{ name }},\n\nThe reviewer of your application for {{ programme }} asks:\n\n{{ message }}\n\nAnswer here: {{ link }}",
        ["name", "programme", "message", "link"]);

    public static IEnumerable<EmailTemplateDefinition> All => [Received, Decided, MoreAsked];
}
