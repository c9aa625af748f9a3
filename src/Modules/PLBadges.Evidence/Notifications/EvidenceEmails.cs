using PLBadges.Abstractions.Notifications;

namespace PLBadges.Evidence.Notifications;

internal static class EvidenceEmails
{
    public const string Decision = "evidence.decision";
    public const string Digest = "evidence.digest";
    public const string Overdue = "evidence.overdue";

    public static IEnumerable<EmailTemplateDefinition> All =>
    [
        new(Decision, "A coach decided on a teacher's submission", "{{ title }}: {{ outcome }}",
            """
            Hello {{ name }},

            {% if passed %}Congratulations: your submission for "{{ title }}" passed review. Your badge follows in its own email as soon as it is issued.{% else %}A coach has reviewed your submission for "{{ title }}". It is not yet there: the feedback says what to strengthen.{% if can_resubmit %} You can revise it and submit it again.{% else %} You have used all your attempts; talk to your coach about what comes next.{% endif %}{% endif %}

            Read the feedback: {{ site_url }}{{ path }}
            """,
            ["name", "title", "outcome", "passed", "can_resubmit", "path"]),
        new(Digest, "Daily list of new submissions for coaches", "{{ count }} new submission(s) to review",
            """
            Hello {{ name }},

            {{ count }} submission(s) arrived in your review queue since yesterday ({{ waiting }} waiting in all):

            {% for item in items %}- {{ item }}
            {% endfor %}
            Open the queue: {{ site_url }}{{ path }}
            """,
            ["name", "count", "waiting", "items", "path"]),
        new(Overdue, "A submission has waited longer than the district's target", "A submission has waited {{ days }} days for review",
            """
            Hello {{ name }},

            A submission for "{{ title }}" has waited {{ days }} days for review; {{ district }} aims to decide within {{ target }} days.

            Open the review queue: {{ site_url }}{{ path }}
            """,
            ["name", "title", "days", "target", "district", "path"]),
    ];
}
