using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Postgres.Migrations
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
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IssuerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CapstoneOf = table.Column<Guid>(type: "uuid", nullable: true),
                    PathwayId = table.Column<Guid>(type: "uuid", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "uuid", nullable: true),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Hours = table.Column<decimal>(type: "numeric", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Jwt = table.Column<string>(type: "text", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatusListId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatusIndex = table.Column<int>(type: "integer", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RevokedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Credentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CredentialSharing",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    IncludeEmail = table.Column<bool>(type: "boolean", nullable: false),
                    PublicProfile = table.Column<bool>(type: "boolean", nullable: false),
                    ProfileId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialSharing", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "IssuerKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IssuerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PublicJwk = table.Column<string>(type: "text", nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuerKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatusLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    NextIndex = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
