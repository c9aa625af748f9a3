using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PLBadges.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StateRecognition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CredentialTallies",
                columns: table => new
                {
                    IssuerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PathwayId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Earned = table.Column<int>(type: "integer", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialTallies", x => new { x.IssuerId, x.PathwayId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "EducatorLicences",
                columns: table => new
                {
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EducatorNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LicensedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EducatorLicences", x => new { x.StateId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "Endorsements",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EndorserId = table.Column<Guid>(type: "uuid", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    AchievementId = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EndorsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndorsedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Jwt = table.Column<string>(type: "text", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatusListId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatusIndex = table.Column<int>(type: "integer", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Endorsements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensureCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StateId = table.Column<Guid>(type: "uuid", nullable: true),
                    Method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensureCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EducatorNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProgrammeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Approval = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CycleStart = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ReviewerMessage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ByRule = table.Column<bool>(type: "boolean", nullable: false),
                    UnitsGranted = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionDecisionDays",
                columns: table => new
                {
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionDecisionDays", x => new { x.StateId, x.Month, x.Days });
                });

            migrationBuilder.CreateTable(
                name: "RecognitionDecisionTallies",
                columns: table => new
                {
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Approved = table.Column<int>(type: "integer", nullable: false),
                    Declined = table.Column<int>(type: "integer", nullable: false),
                    ByRule = table.Column<int>(type: "integer", nullable: false),
                    Units = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionDecisionTallies", x => new { x.StateId, x.Month, x.UnitName });
                });

            migrationBuilder.CreateTable(
                name: "RecognitionProgrammes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionProgrammes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionRecords",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EducatorNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Approved = table.Column<bool>(type: "boolean", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PayloadJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionRecords", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionStateSettings",
                columns: table => new
                {
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    EducatorNumberPattern = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EducatorNumberHint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionStateSettings", x => x.StateId);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionTrustedIssuers",
                columns: table => new
                {
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuerUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionTrustedIssuers", x => new { x.StateId, x.IssuerUrl });
                });

            migrationBuilder.CreateTable(
                name: "TranscriptShares",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptShares", x => x.PersonId);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Event = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeasedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    GaveUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastStatus = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DisabledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionApplicationItems",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    EarnedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MicroCredentialId = table.Column<Guid>(type: "uuid", nullable: true),
                    PathwayId = table.Column<Guid>(type: "uuid", nullable: true),
                    IssuerUrl = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    IssuerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Recognised = table.Column<bool>(type: "boolean", nullable: false),
                    Endorsed = table.Column<bool>(type: "boolean", nullable: false),
                    Verification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UploadedJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    Units = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionApplicationItems", x => new { x.ApplicationId, x.Position });
                    table.ForeignKey(
                        name: "FK_RecognitionApplicationItems_RecognitionApplications_Applica~",
                        column: x => x.ApplicationId,
                        principalTable: "RecognitionApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionProgrammeVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    RulesJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionProgrammeVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecognitionProgrammeVersions_RecognitionProgrammes_Programm~",
                        column: x => x.ProgrammeId,
                        principalTable: "RecognitionProgrammes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookAttempts",
                columns: table => new
                {
                    DeliveryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Milliseconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookAttempts", x => new { x.DeliveryId, x.Number });
                    table.ForeignKey(
                        name: "FK_WebhookAttempts_WebhookDeliveries_DeliveryId",
                        column: x => x.DeliveryId,
                        principalTable: "WebhookDeliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EducatorLicences_PersonId",
                table: "EducatorLicences",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_EducatorLicences_StateId_EducatorNumber",
                table: "EducatorLicences",
                columns: new[] { "StateId", "EducatorNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Endorsements_EndorserId_MicroCredentialId",
                table: "Endorsements",
                columns: new[] { "EndorserId", "MicroCredentialId" },
                unique: true,
                filter: "\"WithdrawnAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Endorsements_MicroCredentialId",
                table: "Endorsements",
                column: "MicroCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_Endorsements_StatusListId_StatusIndex",
                table: "Endorsements",
                columns: new[] { "StatusListId", "StatusIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicensureCalls_StateId_At",
                table: "LicensureCalls",
                columns: new[] { "StateId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionApplications_DistrictId_Status",
                table: "RecognitionApplications",
                columns: new[] { "DistrictId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionApplications_PersonId_ProgrammeId",
                table: "RecognitionApplications",
                columns: new[] { "PersonId", "ProgrammeId" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionApplications_StateId_Status_SubmittedAt",
                table: "RecognitionApplications",
                columns: new[] { "StateId", "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionProgrammes_StateId_Name",
                table: "RecognitionProgrammes",
                columns: new[] { "StateId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionProgrammeVersions_ProgrammeId_Number",
                table: "RecognitionProgrammeVersions",
                columns: new[] { "ProgrammeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecords_ApplicationId",
                table: "RecognitionRecords",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecords_StateId_DecidedAt",
                table: "RecognitionRecords",
                columns: new[] { "StateId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecords_StateId_EducatorNumber",
                table: "RecognitionRecords",
                columns: new[] { "StateId", "EducatorNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionRecords_StateId_Sequence",
                table: "RecognitionRecords",
                columns: new[] { "StateId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptShares_Token",
                table: "TranscriptShares",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_DeliveredAt_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_IdempotencyKey",
                table: "WebhookDeliveries",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_StateId_CreatedAt",
                table: "WebhookDeliveries",
                columns: new[] { "StateId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookSubscriptions_StateId",
                table: "WebhookSubscriptions",
                column: "StateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CredentialTallies");

            migrationBuilder.DropTable(
                name: "EducatorLicences");

            migrationBuilder.DropTable(
                name: "Endorsements");

            migrationBuilder.DropTable(
                name: "LicensureCalls");

            migrationBuilder.DropTable(
                name: "RecognitionApplicationItems");

            migrationBuilder.DropTable(
                name: "RecognitionDecisionDays");

            migrationBuilder.DropTable(
                name: "RecognitionDecisionTallies");

            migrationBuilder.DropTable(
                name: "RecognitionProgrammeVersions");

            migrationBuilder.DropTable(
                name: "RecognitionRecords");

            migrationBuilder.DropTable(
                name: "RecognitionStateSettings");

            migrationBuilder.DropTable(
                name: "RecognitionTrustedIssuers");

            migrationBuilder.DropTable(
                name: "TranscriptShares");

            migrationBuilder.DropTable(
                name: "WebhookAttempts");

            migrationBuilder.DropTable(
                name: "WebhookSubscriptions");

            migrationBuilder.DropTable(
                name: "RecognitionApplications");

            migrationBuilder.DropTable(
                name: "RecognitionProgrammes");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");
        }
    }
}
