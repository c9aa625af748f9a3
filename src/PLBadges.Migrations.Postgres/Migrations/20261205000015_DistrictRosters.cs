using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Postgres.Migrations
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
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FromRoster",
                table: "Memberships",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "DistrictInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Roles = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SourcedId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FromRoster = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistrictLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RosterLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourcedId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Invite = table.Column<bool>(type: "boolean", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
