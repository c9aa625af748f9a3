using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Applications;

/// <summary>
/// The educator's side of an application: applying (approved by rule when every credential is
/// endorsed by the state), answering a request for more, and their list. Each change is one
/// transaction with its mail, in-site notice and event.
/// </summary>
public sealed class ApplicationService(
    PLBadgesDbContext db,
    ProgrammeService programmes,
    ApplicationCandidates candidates,
    ApplicationEvaluation evaluation,
    ApplicationMessages messages,
    TimeProvider clock)
{
    public const int MaxNoteLength = 2000;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Applies: the credentials picked, the hours asked for, and credentials uploaded from elsewhere (each verified; one that fails refuses the application).</summary>
    internal async Task<RecognitionApplication> ApplyAsync(Applicant applicant, Guid programmeId, IReadOnlyCollection<string> picked, IReadOnlyList<Upload> uploads, string? note, CancellationToken cancellationToken)
    {
        if (applicant.Licence is not { } licence)
        {
            throw new RuleException("Give your educator number first: the state knows your license by it.");
        }

        var view = await programmes.ProgrammeAsync(programmeId, cancellationToken);
        if (view == null || view.Programme.StateId != applicant.State.Id || view.InEffect(Today) is not { } version)
        {
            throw new RuleException("That program does not take applications now.");
        }

        note = (note ?? "").Trim();
        if (note.Length > MaxNoteLength)
        {
            throw new RuleException($"The note can be at most {MaxNoteLength} characters.");
        }

        var pending = await candidates.PendingKeysAsync(applicant.Person.Id, programmeId, cancellationToken);
        if (picked.FirstOrDefault(pending.Contains) is { } again)
        {
            throw new RuleException("Something you picked is already in an application of yours waiting for review; it is decided there.");
        }

        var renewal = view.Renewal.FirstOrDefault(v => v.Number == version.Number)?.Rules;
        var offered = (await candidates.CandidatesAsync(applicant, renewal, programmeId, cancellationToken)).ToDictionary(c => c.Key);
        var unknown = picked.Where(k => !offered.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleException("Some of what was picked is not among your credentials and hours; the page shows what you can bring.");
        }

        var items = picked.Distinct().Select(k => offered[k]).ToList();
        items.AddRange(await candidates.VerifyUploadsAsync(applicant, uploads, cancellationToken));
        if (items.Count == 0)
        {
            throw new RuleException("Pick at least one credential (or hours), or upload one.");
        }

        var application = new RecognitionApplication
        {
            StateId = applicant.State.Id,
            DistrictId = applicant.DistrictId,
            PersonId = applicant.Person.Id,
            EducatorNumber = licence.EducatorNumber,
            ProgrammeId = programmeId,
            VersionId = version.Id,
            Kind = view.Programme.Kind,
            ProgrammeName = view.Programme.Name,
            Approval = renewal?.Approval ?? view.Advancement.First(v => v.Number == version.Number).Rules.Approval,
            Status = ApplicationStatus.Waiting,
            CycleStart = renewal != null ? RecognitionRules.CycleStart(licence.LicensedOn, renewal.CycleYears, Today) : Today,
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
            Note = note,
        };
        var stored = items.Select((c, i) => c.ToItem(application.Id, i)).ToList();

        await evaluation.EvaluateAsync(application, stored, view, version, refuseUnmet: true, cancellationToken);
        var credentials = stored.Where(i => i.Source != ItemSource.Activity).ToList();
        var byRule = credentials.Count > 0 && credentials.All(i => i.Endorsed) && (application.Kind == ProgrammeKind.Advancement || application.UnitsGranted > 0);
        if (byRule)
        {
            application.Status = ApplicationStatus.Approved;
            application.ByRule = true;
            application.DecidedAt = application.SubmittedAt;
        }

        db.Add(application);
        db.AddRange(stored);
        await messages.NotifyAsync(application, applicant.Person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return application;
    }

    /// <summary>The educator answers a request for more: a note and more credentials; the application waits again.</summary>
    internal async Task AnswerAsync(Applicant applicant, Guid id, string? note, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken)
    {
        var application = await db.Set<RecognitionApplication>().FirstOrDefaultAsync(a => a.Id == id && a.PersonId == applicant.Person.Id, cancellationToken)
            ?? throw new RuleException("No such application of yours.");
        if (application.Status != ApplicationStatus.MoreAsked)
        {
            throw new RuleException("Nothing more has been asked of this application.");
        }

        note = (note ?? "").Trim();
        if (note.Length is 0 or > MaxNoteLength)
        {
            throw new RuleException($"Answer the reviewer in a few words (at most {MaxNoteLength} characters), and upload anything they asked for.");
        }

        var added = await candidates.VerifyUploadsAsync(applicant, uploads, cancellationToken);
        var items = await db.Set<ApplicationItem>().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var next = items.Count == 0 ? 0 : items.Max(i => i.Position) + 1;
        foreach (var candidate in added)
        {
            var item = candidate.ToItem(id, next++);
            db.Add(item);
            items.Add(item);
        }

        var view = await programmes.ProgrammeAsync(application.ProgrammeId, cancellationToken) ?? throw new InvalidOperationException("The program is gone.");
        await evaluation.EvaluateAsync(application, items, view, view.Stored.First(v => v.Id == application.VersionId), refuseUnmet: false, cancellationToken);
        application.Note = Candidate.Cut(string.IsNullOrEmpty(application.Note) ? note : $"{application.Note}\n\nAnswer ({Today:d MMMM yyyy}): {note}", 8000);
        application.Status = ApplicationStatus.Waiting;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The educator's applications, newest first.</summary>
    internal async Task<IReadOnlyList<RecognitionApplication>> MineAsync(Guid personId, CancellationToken cancellationToken) =>
        (await db.Set<RecognitionApplication>().AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(cancellationToken)).OrderByDescending(a => a.SubmittedAt).ToList();
}
