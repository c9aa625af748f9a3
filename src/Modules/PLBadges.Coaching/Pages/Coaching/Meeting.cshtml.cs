using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>One meeting: its time (move or cancel in one step), the invitation, and the coach's notes.</summary>
[Authorize]
public sealed class MeetingModel(PLBadgesDbContext db, CoachingAccess access, CoachingService coaching, IPeopleDirectory people, IOrganizationDirectory organizations, IMicroCredentialCatalog catalog, IEnumerable<ISubmissionAttachments> attachments, TimeProvider clock)
    : CyclePageModel(db, access, coaching, people, organizations)
{
    public const int MaxNotes = 20000;

    private string? typedNotes;

    internal Meeting Meeting { get; private set; } = null!;

    public DateTime Now { get; private set; }

    /// <summary>The notes as the form shows them: what is written, or the template for this kind of meeting.</summary>
    public string NotesText { get; private set; } = "";

    /// <summary>The teacher's submissions these notes could be added to as evidence (only once the coach has shared them).</summary>
    public IReadOnlyList<EditableSubmission> Submissions { get; private set; } = [];

    public bool CanSeeNotes => IsCoach || (Role == CycleRole.Teacher && Meeting.NotesShared);

    public bool CanChange => IsCoach && Meeting.State == MeetingState.Scheduled && Meeting.EndUtc > Now && Cycle.State is CycleState.Planned or CycleState.Active;

    public string LocalDate => Coaching.ToLocalInput(Zone, Meeting.StartUtc).Date;

    public string LocalStart => Coaching.ToLocalInput(Zone, Meeting.StartUtc).Time;

    public string LocalEnd => Coaching.ToLocalInput(Zone, Meeting.EndUtc).Time;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    public override async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        var meeting = await Db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
        if (meeting == null || !await LoadCycleAsync(meeting.CycleId, cancellationToken))
        {
            return false;
        }

        Meeting = meeting;
        Now = clock.GetUtcNow().UtcDateTime;
        NotesText = typedNotes ?? meeting.Notes ?? (IsCoach ? await TemplateAsync(cancellationToken) : "");
        if (Role == CycleRole.Teacher && meeting.NotesShared && meeting.Notes != null && attachments.FirstOrDefault() is { } evidence)
        {
            Submissions = await evidence.EditableOfAsync(Me, cancellationToken);
        }

        return true;
    }

    public async Task<IActionResult> OnPostNotesAsync(string? notes, bool share, CancellationToken cancellationToken)
    {
        typedNotes = notes; // kept as typed if refused
        if (!await ReloadAsync(cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        if ((notes ?? "").Length > MaxNotes)
        {
            throw new RuleException($"Notes are at most {MaxNotes:N0} characters.", "notes");
        }

        var text = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Meeting.Notes = text;
        Meeting.NotesAt = text == null ? null : clock.GetUtcNow().UtcDateTime;
        var shareChanged = Meeting.NotesShared != (share && text != null);
        Meeting.NotesShared = share && text != null;
        Coaching.Record(Cycle.Id, Meeting.Id, Me, text == null ? "Notes cleared" : shareChanged && Meeting.NotesShared ? "Notes saved and shared with the teacher" : "Notes saved");
        await Db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = Meeting.NotesShared ? "Notes saved. The teacher can read them." : "Notes saved. Only you can read them until you share them.";
        return Redirect($"/coaching/meetings/{Meeting.Id}");
    }

    public async Task<IActionResult> OnPostMoveAsync(string? date, string? start, string? end, bool anyway, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        var calendar = await Coaching.CalendarOfAsync(Cycle.SchoolId, cancellationToken);
        if (calendar.ReadLocalRange(date, start, end, out var startUtc, out var endUtc) is { } invalid)
        {
            throw new RuleException(invalid, "date");
        }

        var moved = await Coaching.RescheduleAsync(Cycle, Meeting, startUtc, endUtc, Me, anyway, cancellationToken);
        TempData["Status"] = (moved.Note ?? "Moved.") + " Everyone has the updated invitation by email.";
        return Redirect($"/coaching/meetings/{Meeting.Id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        await Coaching.CancelAsync(Cycle, Meeting, Me, cancellationToken);
        TempData["Status"] = "Cancelled. Everyone has the cancellation by email; it removes the meeting from their calendars.";
        return Redirect($"/coaching/cycles/{Cycle.Id}");
    }

    /// <summary>The teacher, and only the teacher, adds the shared notes to one of their submissions as evidence.</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid submission, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || Role != CycleRole.Teacher || !Meeting.NotesShared || Meeting.Notes == null
            || attachments.FirstOrDefault() is not { } evidence)
        {
            return NotFound();
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(Meeting.StartUtc, DateTimeKind.Utc), Zone);
        var title = CoachingService.Describe(Meeting.Kind, Meeting.Style);
        var text = $"{title}, {When(Meeting.StartUtc, Meeting.EndUtc)}\nCoach: {Names.GetValueOrDefault(Cycle.CoachId)}\nGoal: {Cycle.Goal}\n\n{Meeting.Notes}\n";
        var fileName = $"Coaching notes, {title.Split(" (")[0].ToLowerInvariant()} {local:yyyy-MM-dd}.txt";
        await evidence.AttachTextAsync(Me, submission, fileName, text, cancellationToken);
        Coaching.Record(Cycle.Id, Meeting.Id, Me, "The teacher added the notes to a submission as evidence");
        await Db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "The notes are in your submission's files.";
        return Redirect($"/me/submissions/{submission}");
    }

    /// <summary>The notes template for this kind of meeting, with the look-fors of the cycle's micro-credential when it names one.</summary>
    private async Task<string> TemplateAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine(Meeting.Kind switch
        {
            MeetingKind.Planning => "Goal for the lesson:\n\nWhat the teacher will try:\n\nWhat the coach will look for:\n",
            MeetingKind.Visit => "What I saw (actions and words, not judgments):\n\nStudents' responses (no names):\n",
            MeetingKind.Debrief => "What went well:\n\nWhat the evidence shows:\n\nWhat to adjust next:\n",
            _ => "Progress since the debrief:\n\nWhat is next:\n",
        });
        if (Cycle.MicroCredentialSlug is { } slug && await catalog.PublishedAsync(slug, cancellationToken) is { } version)
        {
            text.AppendLine($"Look-fors ({version.Content.Title}):");
            foreach (var criterion in version.Content.Submission.SelectMany(p => p.Rubric))
            {
                text.AppendLine($"- {criterion.Criterion}: ");
            }
        }

        return text.ToString();
    }
}
