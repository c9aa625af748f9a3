using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StateCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StateCreditChoices",
                columns: table => new
                {
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateCreditChoices", x => new { x.DistrictId, x.ProfileId, x.MicroCredentialId });
                });

            migrationBuilder.CreateTable(
                name: "StateEducatorIds",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LicenseArea = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LicenseExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FrozenAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateEducatorIds", x => new { x.PersonId, x.Jurisdiction });
                });

            migrationBuilder.CreateTable(
                name: "StateExports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    KeepUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RefusalsKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Refused = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateExports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StateProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Shipped = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerStateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BasedOnId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StateSignOffDelegates",
                columns: table => new
                {
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateSignOffDelegates", x => new { x.SchoolId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "StateSignOffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EducatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateSignOffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StateProfileChoices",
                columns: table => new
                {
                    StateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChosenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateProfileChoices", x => x.StateId);
                    table.ForeignKey(
                        name: "FK_StateProfileChoices_StateProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "StateProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StateProfileVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateProfileVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StateProfileVersions_StateProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "StateProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StateProviderIdentities",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProviderNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateProviderIdentities", x => new { x.OrganizationId, x.ProfileId });
                    table.ForeignKey(
                        name: "FK_StateProviderIdentities_StateProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "StateProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StateSignOffItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignOffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    EducatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    Units = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CredentialUrl = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExportId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateSignOffItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StateSignOffItems_StateSignOffs_SignOffId",
                        column: x => x.SignOffId,
                        principalTable: "StateSignOffs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StateEducatorIds_Jurisdiction_Value",
                table: "StateEducatorIds",
                columns: new[] { "Jurisdiction", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateExports_OrganizationId_CreatedAt",
                table: "StateExports",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StateProfileChoices_ProfileId",
                table: "StateProfileChoices",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_StateProfiles_Code",
                table: "StateProfiles",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateProfiles_Name",
                table: "StateProfiles",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateProfileVersions_ProfileId_Number",
                table: "StateProfileVersions",
                columns: new[] { "ProfileId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateProviderIdentities_ProfileId",
                table: "StateProviderIdentities",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffDelegates_DistrictId",
                table: "StateSignOffDelegates",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffDelegates_PersonId",
                table: "StateSignOffDelegates",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_Code",
                table: "StateSignOffItems",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_DedupeKey",
                table: "StateSignOffItems",
                column: "DedupeKey");

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_PersonId_DistrictId",
                table: "StateSignOffItems",
                columns: new[] { "PersonId", "DistrictId" });

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_ProfileId_ExportId_Id",
                table: "StateSignOffItems",
                columns: new[] { "ProfileId", "ExportId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffItems_SignOffId",
                table: "StateSignOffItems",
                column: "SignOffId");

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffs_Code",
                table: "StateSignOffs",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffs_DistrictId_ProfileId_SignedAt",
                table: "StateSignOffs",
                columns: new[] { "DistrictId", "ProfileId", "SignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StateSignOffs_PersonId",
                table: "StateSignOffs",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StateCreditChoices");

            migrationBuilder.DropTable(
                name: "StateEducatorIds");

            migrationBuilder.DropTable(
                name: "StateExports");

            migrationBuilder.DropTable(
                name: "StateProfileChoices");

            migrationBuilder.DropTable(
                name: "StateProfileVersions");

            migrationBuilder.DropTable(
                name: "StateProviderIdentities");

            migrationBuilder.DropTable(
                name: "StateSignOffDelegates");

            migrationBuilder.DropTable(
                name: "StateSignOffItems");

            migrationBuilder.DropTable(
                name: "StateProfiles");

            migrationBuilder.DropTable(
                name: "StateSignOffs");
        }
    }
}
