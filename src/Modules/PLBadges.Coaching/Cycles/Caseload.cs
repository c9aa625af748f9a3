using Microsoft.EntityFrameworkCore;
using PLBadges.Data;

namespace PLBadges.Coaching.Cycles;

public sealed record CycleRow(Guid Id, Guid SchoolId, Guid CoachId, string Goal, string? MicroCredentialSlug, string? FocusArea, CycleState State, DateTime UpdatedAt, IReadOnlyList<Guid> TeacherIds);

public sealed record MeetingRow(Guid Id, Guid CycleId, Guid SchoolId, MeetingKind Kind, VisitStyle? Style, DateTime StartUtc, DateTime EndUtc, MeetingState State, bool OutsideUsualTime, bool HasNotes, bool NotesShared, IReadOnlyList<Guid> TeacherIds, Guid CoachId);

public sealed record StepRow(Guid Id, Guid CycleId, string Text, Guid OwnerId, DateOnly Due, DateTime? DoneAt);

public sealed record UnseenTeacher(Guid TeacherId, Guid CycleId, DateTime? LastMet);

/// <summary>A coach's caseload: what /coaching shows and the weekly digest sends.</summary>
public sealed record Caseload(IReadOnlyList<CycleRow> Cycles, IReadOnlyList<MeetingRow> Week, IReadOnlyList<StepRow> StepsDue, IReadOnlyList<UnseenTeacher> Unseen)
{
    public static readonly TimeSpan NotSeenFor = TimeSpan.FromDays(30);

    public static async Task<Caseload> ForCoachAsync(PLBadgesDbContext db, Guid coachId, DateTime now, CancellationToken cancellationToken)
    {
        var cycles = await CyclesAsync(db, db.Set<CoachingCycle>().Where(c => c.CoachId == coachId && (c.State == CycleState.Active || c.State == CycleState.Planned)), cancellationToken);
        var ids = cycles.Select(c => c.Id).ToList();
        var week = await MeetingsAsync(db, db.Set<Meeting>().Where(m => ids.Contains(m.CycleId) && m.State == MeetingState.Scheduled && m.EndUtc > now && m.StartUtc < now.AddDays(7)), cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var steps = await db.Set<NextStep>().AsNoTracking().Where(s => ids.Contains(s.CycleId) && s.DoneAt == null && s.Due <= today.AddDays(7))
            .OrderBy(s => s.Due).Select(s => new StepRow(s.Id, s.CycleId, s.Text, s.OwnerId, s.Due, s.DoneAt)).ToListAsync(cancellationToken);
        var lastMet = await (from a in db.Set<MeetingAttendee>().AsNoTracking()
                             join m in db.Set<Meeting>() on a.MeetingId equals m.Id
                             where ids.Contains(m.CycleId) && a.Active && a.EndUtc <= now && a.PersonId != coachId
                             group a by a.PersonId into g
                             select new { PersonId = g.Key, Last = g.Max(a => a.EndUtc) }).ToListAsync(cancellationToken);
        var unseen = cycles.Where(c => c.State == CycleState.Active)
            .SelectMany(c => c.TeacherIds.Select(t => new UnseenTeacher(t, c.Id, lastMet.FirstOrDefault(l => l.PersonId == t)?.Last)))
            .Where(u => u.LastMet == null || u.LastMet < now - NotSeenFor)
            .DistinctBy(u => u.TeacherId).ToList();
        return new Caseload(cycles, week, steps, unseen);
    }

    internal static async Task<IReadOnlyList<CycleRow>> CyclesAsync(PLBadgesDbContext db, IQueryable<CoachingCycle> query, CancellationToken cancellationToken)
    {
        var cycles = await query.AsNoTracking().OrderByDescending(c => c.UpdatedAt).Take(500).ToListAsync(cancellationToken);
        var ids = cycles.Select(c => c.Id).ToList();
        var teachers = await db.Set<CycleTeacher>().AsNoTracking().Where(t => ids.Contains(t.CycleId)).ToListAsync(cancellationToken);
        return cycles.Select(c => new CycleRow(c.Id, c.SchoolId, c.CoachId, c.Goal, c.MicroCredentialSlug, c.FocusArea, c.State, c.UpdatedAt,
            teachers.Where(t => t.CycleId == c.Id).Select(t => t.TeacherId).ToList())).ToList();
    }

    internal static async Task<IReadOnlyList<MeetingRow>> MeetingsAsync(PLBadgesDbContext db, IQueryable<Meeting> query, CancellationToken cancellationToken)
    {
        var meetings = await (from m in query.AsNoTracking()
                              join c in db.Set<CoachingCycle>() on m.CycleId equals c.Id
                              orderby m.StartUtc
                              select new { Meeting = m, c.CoachId }).Take(500).ToListAsync(cancellationToken);
        var cycleIds = meetings.Select(m => m.Meeting.CycleId).Distinct().ToList();
        var teachers = await db.Set<CycleTeacher>().AsNoTracking().Where(t => cycleIds.Contains(t.CycleId)).ToListAsync(cancellationToken);
        return meetings.Select(x => new MeetingRow(x.Meeting.Id, x.Meeting.CycleId, x.Meeting.SchoolId, x.Meeting.Kind, x.Meeting.Style, x.Meeting.StartUtc, x.Meeting.EndUtc,
            x.Meeting.State, x.Meeting.OutsideUsualTime, x.Meeting.Notes != null, x.Meeting.NotesShared,
            teachers.Where(t => t.CycleId == x.Meeting.CycleId).Select(t => t.TeacherId).ToList(), x.CoachId)).ToList();
    }
}
