using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Scheduling;

namespace PLBadges.Tests.Coaching;

/// <summary>
/// "Suggest times" against schedules worked by hand. The school is in Chicago (CST is UTC-6, CDT
/// UTC-5); periods run Monday to Friday: P1 08:00–08:50, P2 08:55–09:45, P3 09:50–10:40, P4 10:45–11:35;
/// the teacher plans in P3. The search starts on Monday 1 March 2027 at 06:00 local.
/// </summary>
public sealed class SlotFinderTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly Guid School = Guid.NewGuid();
    private static readonly Guid OtherSchool = Guid.NewGuid();
    private static readonly DateTime MondayMorning = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static SchoolCalendar Calendar(params DateOnly[] closures)
    {
        var periods = new List<LocalWindow>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            periods.Add(new LocalWindow(day, new TimeOnly(8, 0), new TimeOnly(8, 50), "P1"));
            periods.Add(new LocalWindow(day, new TimeOnly(8, 55), new TimeOnly(9, 45), "P2"));
            periods.Add(new LocalWindow(day, new TimeOnly(9, 50), new TimeOnly(10, 40), "P3"));
            periods.Add(new LocalWindow(day, new TimeOnly(10, 45), new TimeOnly(11, 35), "P4"));
        }

        return new SchoolCalendar(School, Chicago, periods, closures.ToHashSet());
    }

    private static IReadOnlyList<LocalWindow> PlansIn(TimeOnly start, TimeOnly end, string label = "P3") =>
        Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => new LocalWindow(d, start, end, label)).ToList();

    private static readonly IReadOnlyList<LocalWindow> P3 = PlansIn(new TimeOnly(9, 50), new TimeOnly(10, 40));

    private static DateTime Local(int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, month, day, hour, minute, 0, DateTimeKind.Unspecified), Chicago);

    private static IReadOnlyList<Slot> Suggest(SchoolCalendar calendar, MeetingKind kind = MeetingKind.Planning, int minutes = 30, DateTime? from = null,
        IReadOnlyList<BusyTime>? busy = null, int gapMinutes = 20, params IReadOnlyList<LocalWindow>[] teachers) =>
        SlotFinder.Suggest(new SlotQuery(calendar, kind, TimeSpan.FromMinutes(minutes), from ?? MondayMorning, teachers.Length == 0 ? [P3] : teachers, busy ?? [], TimeSpan.FromMinutes(gapMinutes), Count: 3));

    [Fact]
    public void A_planning_conference_is_placed_only_in_the_teachers_planning_period()
    {
        var slots = Suggest(Calendar());

        Assert.Equal([Local(3, 1, 9, 50), Local(3, 2, 9, 50), Local(3, 3, 9, 50)], slots.Select(s => s.StartUtc));
        Assert.Equal(new DateTime(2027, 3, 1, 15, 50, 0, DateTimeKind.Utc), slots[0].StartUtc); // 09:50 CST
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.EndUtc - s.StartUtc));
        Assert.All(slots, s => Assert.Equal("P3", s.Label));
    }

    [Fact]
    public void A_classroom_visit_is_placed_in_a_period_the_teacher_teaches()
    {
        var slots = Suggest(Calendar(), MeetingKind.Visit, minutes: 45);

        Assert.Equal([Local(3, 1, 8, 0), Local(3, 1, 8, 55), Local(3, 1, 10, 45)], slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void A_coach_busy_at_the_start_of_the_period_gets_the_next_quarter_hour_that_fits()
    {
        var busy = new BusyTime(Local(3, 1, 9, 50), Local(3, 1, 10, 5), School);

        var slots = Suggest(Calendar(), busy: [busy]);

        Assert.Equal(Local(3, 1, 10, 5), slots[0].StartUtc);
        Assert.Equal(Local(3, 2, 9, 50), slots[1].StartUtc);
    }

    [Fact]
    public void A_coach_busy_for_the_whole_period_gets_the_next_day()
    {
        var busy = new BusyTime(Local(3, 1, 9, 50), Local(3, 1, 10, 40), School);

        Assert.Equal(Local(3, 2, 9, 50), Suggest(Calendar(), busy: [busy])[0].StartUtc);
    }

    [Fact]
    public void A_day_without_school_is_skipped()
    {
        var slots = Suggest(Calendar(new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 2)));

        Assert.Equal(Local(3, 3, 9, 50), slots[0].StartUtc);
    }

    [Fact]
    public void A_meeting_at_another_school_keeps_the_travel_gap_free_and_one_at_the_same_school_does_not()
    {
        // Busy until 09:40: with a 20-minute drive the coach is free from 10:00, so the first quarter hour is 10:05.
        var elsewhere = new BusyTime(Local(3, 1, 9, 0), Local(3, 1, 9, 40), OtherSchool);
        var here = elsewhere with { SchoolId = School };

        Assert.Equal(Local(3, 1, 10, 5), Suggest(Calendar(), busy: [elsewhere])[0].StartUtc);
        Assert.Equal(Local(3, 1, 9, 50), Suggest(Calendar(), busy: [here])[0].StartUtc);
        Assert.Equal(Local(3, 1, 9, 50), Suggest(Calendar(), busy: [elsewhere], gapMinutes: 0)[0].StartUtc);
    }

    [Fact]
    public void Across_the_daylight_saving_change_the_meeting_keeps_its_clock_time()
    {
        // Clocks go forward on Sunday 14 March 2027: 09:50 is 15:50 UTC on Friday and 14:50 UTC on Monday.
        var friday = new DateTime(2027, 3, 12, 12, 0, 0, DateTimeKind.Utc);

        var slots = Suggest(Calendar(), from: friday);

        Assert.Equal(new DateTime(2027, 3, 12, 15, 50, 0, DateTimeKind.Utc), slots[0].StartUtc);
        Assert.Equal(new DateTime(2027, 3, 15, 14, 50, 0, DateTimeKind.Utc), slots[1].StartUtc);
        Assert.Equal(new DateTime(2027, 3, 16, 14, 50, 0, DateTimeKind.Utc), slots[2].StartUtc);
        Assert.All(slots, s => Assert.Equal(new TimeOnly(9, 50), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, Chicago))));
    }

    [Fact]
    public void A_group_meets_only_in_planning_time_all_its_teachers_share()
    {
        // One teacher plans 09:50–10:40, the other 10:10–11:00: they share 10:10–10:40.
        var other = PlansIn(new TimeOnly(10, 10), new TimeOnly(11, 0), "own time");

        var slots = Suggest(Calendar(), teachers: [P3, other]);

        Assert.Equal(Local(3, 1, 10, 10), slots[0].StartUtc);
        Assert.Empty(Suggest(Calendar(), minutes: 45, teachers: [P3, other]));
    }

    [Fact]
    public void A_search_that_starts_mid_period_offers_only_times_still_ahead()
    {
        var slots = Suggest(Calendar(), from: Local(3, 1, 9, 55));

        Assert.Equal(Local(3, 1, 10, 5), slots[0].StartUtc);
    }

    [Fact]
    public void The_usual_time_check_tells_planning_time_from_teaching_time()
    {
        var calendar = Calendar();

        Assert.True(SlotFinder.IsUsualTime(calendar, MeetingKind.Debrief, [P3], Local(3, 1, 10, 0), Local(3, 1, 10, 30)));
        Assert.False(SlotFinder.IsUsualTime(calendar, MeetingKind.Debrief, [P3], Local(3, 1, 8, 0), Local(3, 1, 8, 30)));
        Assert.True(SlotFinder.IsUsualTime(calendar, MeetingKind.Visit, [P3], Local(3, 1, 8, 0), Local(3, 1, 8, 45)));
        Assert.False(SlotFinder.IsUsualTime(calendar, MeetingKind.Visit, [P3], Local(3, 1, 10, 0), Local(3, 1, 10, 30)));
        Assert.True(calendar.IsSchoolDay(new DateOnly(2027, 3, 1)));
        Assert.False(calendar.IsSchoolDay(new DateOnly(2027, 3, 6))); // a Saturday
        Assert.Equal(new DateOnly(2027, 3, 2), Calendar(new DateOnly(2027, 3, 1)).AddSchoolDays(new DateOnly(2027, 2, 26), 1));
    }
}
