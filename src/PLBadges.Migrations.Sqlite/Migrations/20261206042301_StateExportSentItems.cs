using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// What exports sent moves from a column on each item to a narrow table of its own (an item sent once, keyed by its
    /// id), which an export fills a batch at a time; the marks already made move with it.
    /// </summary>
    public partial class StateExportSentItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StateExportSentItems",
                columns: table => new
                {
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    ExportId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateExportSentItems", x => x.ItemId);
                });

            migrationBuilder.Sql(
                """
                INSERT INTO "StateExportSentItems" ("ItemId", "ExportId")
                SELECT "Id", "ExportId" FROM "StateSignOffItems" WHERE "ExportId" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_StateExportSentItems_ExportId",
                table: "StateExportSentItems",
                column: "ExportId");

            migrationBuilder.DropIndex(
                name: "IX_StateSignOffItems_ProfileId_ExportId_Id",
                table: "StateSignOffItems");

            migrationBuilder.DropColumn(
                name: "ExportId",
                table: "StateSignOffItems");

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_ProfileId_Id",
                table: "StateSignOffItems",
                columns: new[] { "ProfileId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StateSignOffItems_ProfileId_Id",
                table: "StateSignOffItems");

            migrationBuilder.AddColumn<Guid>(
                name: "ExportId",
                table: "StateSignOffItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql(
                """
                UPDATE "StateSignOffItems" SET "ExportId" =
                    (SELECT s."ExportId" FROM "StateExportSentItems" AS s WHERE s."ItemId" = "StateSignOffItems"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_ProfileId_ExportId_Id",
                table: "StateSignOffItems",
                columns: new[] { "ProfileId", "ExportId", "Id" });

            migrationBuilder.DropTable(
                name: "StateExportSentItems");
        }
    }
}
