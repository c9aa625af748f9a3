using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RosterSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RosterSyncRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Invited = table.Column<int>(type: "INTEGER", nullable: false),
                    Deactivated = table.Column<int>(type: "INTEGER", nullable: false),
                    Refused = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UploadId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterSyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RosterSyncSettings",
                columns: table => new
                {
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    EveryHours = table.Column<int>(type: "INTEGER", nullable: false),
                    AtHourUtc = table.Column<int>(type: "INTEGER", nullable: false),
                    SftpHost = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    SftpPort = table.Column<int>(type: "INTEGER", nullable: false),
                    SftpUser = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProtectedSftpPassword = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProtectedSftpKey = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    SftpPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HostKeyFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RestBaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RestTokenUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RestClientId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ProtectedRestSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NextRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastPulledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFullPullAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PendingUploadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterSyncSettings", x => x.DistrictId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RosterSyncRuns_DistrictId_StartedAt",
                table: "RosterSyncRuns",
                columns: new[] { "DistrictId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RosterSyncSettings_NextRunAt",
                table: "RosterSyncSettings",
                column: "NextRunAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RosterSyncRuns");

            migrationBuilder.DropTable(
                name: "RosterSyncSettings");
        }
    }
}
