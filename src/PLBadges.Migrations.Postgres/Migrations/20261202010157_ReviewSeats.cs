using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReviewSeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimsLapseAt",
                table: "Submissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReviewsHeld",
                table: "Submissions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Submissions already in review get their seats from their reviews (the same SQL on both providers).
            migrationBuilder.Sql("""
                UPDATE "Submissions" SET
                    "ReviewsHeld" = (SELECT COUNT(*) FROM "Reviews" r WHERE r."SubmissionId" = "Submissions"."Id" AND r."Attempt" = "Submissions"."Attempt" AND r."Status" IN ('Completed', 'Claimed')),
                    "ClaimsLapseAt" = (SELECT MIN(r."ClaimExpiresAt") FROM "Reviews" r WHERE r."SubmissionId" = "Submissions"."Id" AND r."Attempt" = "Submissions"."Attempt" AND r."Status" = 'Claimed')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimsLapseAt",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ReviewsHeld",
                table: "Submissions");
        }
    }
}
