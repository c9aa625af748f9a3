using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Coaching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attachments",
                table: "EmailMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarSettings",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeedTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reminders = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarSettings", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "CoachingCycles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoachId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MicroCredentialSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FocusArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingCycles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchoolBellPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolBellPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchoolClosures",
                columns: table => new
                {
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolClosures", x => new { x.SchoolId, x.Date });
                });

            migrationBuilder.CreateTable(
                name: "TeacherFreeTimes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IsPlanningPeriod = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeacherFreeTimes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CoachingCycleChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingCycleChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingCycleChanges_CoachingCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "CoachingCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingCycleTeachers",
                columns: table => new
                {
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeacherId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingCycleTeachers", x => new { x.CycleId, x.TeacherId });
                    table.ForeignKey(
                        name: "FK_CoachingCycleTeachers_CoachingCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "CoachingCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Style = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    OutsideUsualTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    NotesAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NotesShared = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingMeetings_CoachingCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "CoachingCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingNextSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingNextSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingNextSteps_CoachingCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "CoachingCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingMeetingAttendees",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingMeetingAttendees", x => new { x.MeetingId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_CoachingMeetingAttendees_CoachingMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "CoachingMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    MinutesBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingReminders_CoachingMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "CoachingMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarSettings_FeedTokenHash",
                table: "CalendarSettings",
                column: "FeedTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoachingCycleChanges_CycleId_At",
                table: "CoachingCycleChanges",
                columns: new[] { "CycleId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingCycles_CoachId_State",
                table: "CoachingCycles",
                columns: new[] { "CoachId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingCycles_DistrictId_State",
                table: "CoachingCycles",
                columns: new[] { "DistrictId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingCycles_SchoolId_State",
                table: "CoachingCycles",
                columns: new[] { "SchoolId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingCycleTeachers_TeacherId",
                table: "CoachingCycleTeachers",
                column: "TeacherId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachingMeetingAttendees_PersonId_Active_StartUtc",
                table: "CoachingMeetingAttendees",
                columns: new[] { "PersonId", "Active", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingMeetings_CycleId_StartUtc",
                table: "CoachingMeetings",
                columns: new[] { "CycleId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingMeetings_Kind_State_EndUtc",
                table: "CoachingMeetings",
                columns: new[] { "Kind", "State", "EndUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingNextSteps_CycleId_DoneAt_Due",
                table: "CoachingNextSteps",
                columns: new[] { "CycleId", "DoneAt", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachingReminders_MeetingId",
                table: "CoachingReminders",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachingReminders_SentAt_DueAt",
                table: "CoachingReminders",
                columns: new[] { "SentAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolBellPeriods_SchoolId_Weekday_Start",
                table: "SchoolBellPeriods",
                columns: new[] { "SchoolId", "Weekday", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_TeacherFreeTimes_PersonId_SchoolId",
                table: "TeacherFreeTimes",
                columns: new[] { "PersonId", "SchoolId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarSettings");

            migrationBuilder.DropTable(
                name: "CoachingCycleChanges");

            migrationBuilder.DropTable(
                name: "CoachingCycleTeachers");

            migrationBuilder.DropTable(
                name: "CoachingMeetingAttendees");

            migrationBuilder.DropTable(
                name: "CoachingNextSteps");

            migrationBuilder.DropTable(
                name: "CoachingReminders");

            migrationBuilder.DropTable(
                name: "SchoolBellPeriods");

            migrationBuilder.DropTable(
                name: "SchoolClosures");

            migrationBuilder.DropTable(
                name: "TeacherFreeTimes");

            migrationBuilder.DropTable(
                name: "CoachingMeetings");

            migrationBuilder.DropTable(
                name: "CoachingCycles");

            migrationBuilder.DropColumn(
                name: "Attachments",
                table: "EmailMessages");
        }
    }
}
