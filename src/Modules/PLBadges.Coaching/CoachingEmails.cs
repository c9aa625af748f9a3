using PLBadges.Abstractions.Notifications;

namespace PLBadges.Coaching;

internal static class CoachingEmails
{
    public static readonly EmailTemplateDefinition Invitation = new(
        "coaching-invitation",
        "A coaching meeting is scheduled or changed (with the calendar invitation attached)",
        "{{ change }}: {{ meeting }} on {{ when }}",
        "Hello {{ name }},\n\n{{ change }}: {{ meeting }} with {{ with }}, {{ when }}, at {{ school }}.\n\nGoal of the cycle: {{ goal }}\n\nThe invitation is attached; open it to add or update the meeting in your calendar.\n\n{{ link }}",
        ["name", "change", "meeting", "with", "when", "school", "goal", "link"]);

    public static readonly EmailTemplateDefinition Cancellation = new(
        "coaching-cancellation",
        "A coaching meeting is cancelled (with the calendar cancellation attached)",
        "Cancelled: {{ meeting }} on {{ when }}",
        "Hello {{ name }},\n\n{{ meeting }} with {{ with }}, {{ when }}, is cancelled. Opening the attachment removes it from your calendar.\n\n{{ link }}",
        ["name", "meeting", "with", "when", "link"]);

    public static readonly EmailTemplateDefinition Reminder = new(
        "coaching-reminder",
        "Reminder before a coaching meeting",
        "Reminder: {{ meeting }} {{ when }}",
        "Hello {{ name }},\n\nA reminder: {{ meeting }} with {{ with }}, {{ when }}, at {{ school }}.\n\n{{ link }}\n\nYou can turn these reminders off on {{ settings }}.",
        ["name", "meeting", "with", "when", "school", "link", "settings"]);

    public static readonly EmailTemplateDefinition DebriefNudge = new(
        "coaching-debrief-nudge",
        "To a coach when a debrief has no notes two school days later",
        "Notes for your debrief with {{ teacher }}",
        "Hello {{ name }},\n\nYour debrief with {{ teacher }} on {{ when }} has no notes yet. A few lines and the agreed next steps keep the cycle moving.\n\n{{ link }}",
        ["name", "teacher", "when", "link"]);

    public static readonly EmailTemplateDefinition WeeklyDigest = new(
        "coaching-weekly-digest",
        "A coach's week ahead: meetings, next steps due, teachers not seen lately",
        "Your coaching week: {{ meetings }} meetings",
        "Hello {{ name }},\n\nMeetings this week ({{ meetings }}):\n{{ meeting_lines }}\n\nNext steps due or overdue ({{ steps }}):\n{{ step_lines }}\n\nTeachers not seen in 30 days ({{ unseen }}):\n{{ unseen_lines }}\n\n{{ link }}",
        ["name", "meetings", "meeting_lines", "steps", "step_lines", "unseen", "unseen_lines", "link"]);

    public static IEnumerable<EmailTemplateDefinition> All => [Invitation, Cancellation, Reminder, DebriefNudge, WeeklyDigest];
}
