using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DistrictRosters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourcedId",
                table: "Organizations",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FromRoster",
                table: "Memberships",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "DistrictInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SourcedId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    FromRoster = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistrictInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DistrictInvitations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DistrictLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistrictLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RosterLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourcedId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RosterLinks_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RosterUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Invite = table.Column<bool>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterUploads", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_DistrictId_SourcedId",
                table: "Organizations",
                columns: new[] { "DistrictId", "SourcedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DistrictInvitations_DistrictId_PersonId",
                table: "DistrictInvitations",
                columns: new[] { "DistrictId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_DistrictInvitations_PersonId",
                table: "DistrictInvitations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_DistrictLog_DistrictId_At",
                table: "DistrictLog",
                columns: new[] { "DistrictId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RosterLinks_DistrictId_SourcedId",
                table: "RosterLinks",
                columns: new[] { "DistrictId", "SourcedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RosterLinks_PersonId",
                table: "RosterLinks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RosterUploads_DistrictId",
                table: "RosterUploads",
                column: "DistrictId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DistrictInvitations");

            migrationBuilder.DropTable(
                name: "DistrictLog");

            migrationBuilder.DropTable(
                name: "RosterLinks");

            migrationBuilder.DropTable(
                name: "RosterUploads");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_DistrictId_SourcedId",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "SourcedId",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "FromRoster",
                table: "Memberships");
        }
    }
}
