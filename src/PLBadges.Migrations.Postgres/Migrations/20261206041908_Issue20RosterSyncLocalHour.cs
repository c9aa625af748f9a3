using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The daily roster sync hour is now the district's local hour (so 2 AM stays 2 AM through daylight
    /// saving). Roster sync came in the same release, so no saved UTC hour is expected; one that exists
    /// is read as local from here on, and the sync page shows it so the admin can correct it.
    /// </summary>
    public partial class Issue20RosterSyncLocalHour : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "AtHourUtc",
                table: "RosterSyncSettings",
                newName: "AtHour");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "AtHour",
                table: "RosterSyncSettings",
                newName: "AtHourUtc");
        }
    }
}
