using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPathways : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pathways",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false),
                    FocusArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Icon = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CapstoneTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CapstoneDescription = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pathways", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FocusArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GradeBands = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MicroCredentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PathwayId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PublishedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MicroCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MicroCredentials_Pathways_PathwayId",
                        column: x => x.PathwayId,
                        principalTable: "Pathways",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PathwayOffers",
                columns: table => new
                {
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PathwayId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PathwayOffers", x => new { x.DistrictId, x.PathwayId });
                    table.ForeignKey(
                        name: "FK_PathwayOffers_Pathways_PathwayId",
                        column: x => x.PathwayId,
                        principalTable: "Pathways",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MicroCredentialVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EstimatedHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MicroCredentialVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MicroCredentialVersions_MicroCredentials_MicroCredentialId",
                        column: x => x.MicroCredentialId,
                        principalTable: "MicroCredentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MicroCredentials_PathwayId_Position",
                table: "MicroCredentials",
                columns: new[] { "PathwayId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_MicroCredentials_Slug",
                table: "MicroCredentials",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MicroCredentialVersions_MicroCredentialId_Number",
                table: "MicroCredentialVersions",
                columns: new[] { "MicroCredentialId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PathwayOffers_PathwayId",
                table: "PathwayOffers",
                column: "PathwayId");

            migrationBuilder.CreateIndex(
                name: "IX_Pathways_Slug",
                table: "Pathways",
                column: "Slug");

            migrationBuilder.CreateIndex(
                name: "IX_Pathways_Slug_OwnerOrganizationId",
                table: "Pathways",
                columns: new[] { "Slug", "OwnerOrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resources_FocusArea",
                table: "Resources",
                column: "FocusArea");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Slug_OwnerOrganizationId",
                table: "Resources",
                columns: new[] { "Slug", "OwnerOrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Type",
                table: "Resources",
                column: "Type");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MicroCredentialVersions");

            migrationBuilder.DropTable(
                name: "PathwayOffers");

            migrationBuilder.DropTable(
                name: "Resources");

            migrationBuilder.DropTable(
                name: "MicroCredentials");

            migrationBuilder.DropTable(
                name: "Pathways");
        }
    }
}
