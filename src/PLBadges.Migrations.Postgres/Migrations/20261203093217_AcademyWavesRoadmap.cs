using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AcademyWavesRoadmap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AwardKey",
                table: "Credentials",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "CohortRequirements",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "EachMember"); // requirements made before scopes were each member's

            migrationBuilder.CreateTable(
                name: "AcademyCompletions",
                columns: table => new
                {
                    CohortId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false),
                    Sessions = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcademyCompletions", x => new { x.CohortId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_AcademyCompletions_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CohortSessionResources",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortSessionResources", x => new { x.SessionId, x.ResourceId });
                    table.ForeignKey(
                        name: "FK_CohortSessionResources_CohortSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CohortSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoadmapMilestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SuggestedOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Link = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LinkId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoadmapMilestones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Waves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Waves", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WaveSelfAssessments",
                columns: table => new
                {
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Comfort = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Role = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Goal = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaveSelfAssessments", x => new { x.DistrictId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "WaveMembers",
                columns: table => new
                {
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    WaveId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlacedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaveMembers", x => new { x.DistrictId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_WaveMembers_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WavePeerCoaches",
                columns: table => new
                {
                    WaveId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    Pathway = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    NamedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    NamedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WavePeerCoaches", x => new { x.WaveId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_WavePeerCoaches_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WaveTargets",
                columns: table => new
                {
                    WaveId = table.Column<Guid>(type: "uuid", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaveTargets", x => new { x.WaveId, x.MicroCredentialId });
                    table.ForeignKey(
                        name: "FK_WaveTargets_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_RecipientId_AwardKey",
                table: "Credentials",
                columns: new[] { "RecipientId", "AwardKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcademyCompletions_PersonId",
                table: "AcademyCompletions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RoadmapMilestones_DistrictId_DueOn",
                table: "RoadmapMilestones",
                columns: new[] { "DistrictId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RoadmapMilestones_DistrictId_Title",
                table: "RoadmapMilestones",
                columns: new[] { "DistrictId", "Title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WaveMembers_WaveId_SchoolId",
                table: "WaveMembers",
                columns: new[] { "WaveId", "SchoolId" });

            migrationBuilder.CreateIndex(
                name: "IX_WavePeerCoaches_PersonId",
                table: "WavePeerCoaches",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Waves_DistrictId_Number",
                table: "Waves",
                columns: new[] { "DistrictId", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcademyCompletions");

            migrationBuilder.DropTable(
                name: "CohortSessionResources");

            migrationBuilder.DropTable(
                name: "RoadmapMilestones");

            migrationBuilder.DropTable(
                name: "WaveMembers");

            migrationBuilder.DropTable(
                name: "WavePeerCoaches");

            migrationBuilder.DropTable(
                name: "WaveSelfAssessments");

            migrationBuilder.DropTable(
                name: "WaveTargets");

            migrationBuilder.DropTable(
                name: "Waves");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_RecipientId_AwardKey",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "AwardKey",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "CohortRequirements");
        }
    }
}
