using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Credentials",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IssuerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CapstoneOf = table.Column<Guid>(type: "TEXT", nullable: true),
                    PathwayId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Jwt = table.Column<string>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StatusListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatusIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Credentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CredentialSharing",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncludeEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicProfile = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialSharing", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "IssuerKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IssuerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PublicJwk = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuerKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatusLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    NextIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusLists", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_IssuerId_ValidFrom",
                table: "Credentials",
                columns: new[] { "IssuerId", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_RecipientId_CapstoneOf",
                table: "Credentials",
                columns: new[] { "RecipientId", "CapstoneOf" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_StatusListId_StatusIndex",
                table: "Credentials",
                columns: new[] { "StatusListId", "StatusIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_SubmissionId",
                table: "Credentials",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CredentialSharing_ProfileId",
                table: "CredentialSharing",
                column: "ProfileId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuerKeys_IssuerId_Algorithm",
                table: "IssuerKeys",
                columns: new[] { "IssuerId", "Algorithm" },
                unique: true,
                filter: "\"RetiredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_StatusLists_IssuerId_Number",
                table: "StatusLists",
                columns: new[] { "IssuerId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Credentials");

            migrationBuilder.DropTable(
                name: "CredentialSharing");

            migrationBuilder.DropTable(
                name: "IssuerKeys");

            migrationBuilder.DropTable(
                name: "StatusLists");
        }
    }
}
