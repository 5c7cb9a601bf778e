using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RoundtableManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Controls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ControlSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    NormalisedName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Marking = table.Column<int>(type: "int", nullable: true),
                    ReadOnly = table.Column<bool>(type: "bit", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ControlAdoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ControlSetId = table.Column<int>(type: "int", nullable: false),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    RoundtableId = table.Column<int>(type: "int", nullable: true),
                    AdoptedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AdoptedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlAdoptions_ControlSets_ControlSetId",
                        column: x => x.ControlSetId,
                        principalTable: "ControlSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlAdoptions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlAdoptions_Roundtables_RoundtableId",
                        column: x => x.RoundtableId,
                        principalTable: "Roundtables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Controls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ControlSetId = table.Column<int>(type: "int", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Guidance = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ReferenceId = table.Column<int>(type: "int", nullable: true),
                    Position = table.Column<int>(type: "int", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RetiredUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RetiredByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Controls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Controls_ControlSets_ControlSetId",
                        column: x => x.ControlSetId,
                        principalTable: "ControlSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Controls_References_ReferenceId",
                        column: x => x.ReferenceId,
                        principalTable: "References",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionControls",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "int", nullable: false),
                    ControlId = table.Column<int>(type: "int", nullable: false),
                    LinkedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionControls", x => new { x.ActionId, x.ControlId });
                    table.ForeignKey(
                        name: "FK_ActionControls_Controls_ControlId",
                        column: x => x.ControlId,
                        principalTable: "Controls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionControls_FollowUpActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "FollowUpActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ControlAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    ControlId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    NotApplicableReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Verification = table.Column<int>(type: "int", nullable: false),
                    ReturnReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    VerifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    VerifiedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AnsweredByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlAnswers_Controls_ControlId",
                        column: x => x.ControlId,
                        principalTable: "Controls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlAnswers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlAnswerHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AnswerId = table.Column<int>(type: "int", nullable: false),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    ControlId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Verification = table.Column<int>(type: "int", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ByOrganisationId = table.Column<int>(type: "int", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlAnswerHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlAnswerHistory_ControlAnswers_AnswerId",
                        column: x => x.AnswerId,
                        principalTable: "ControlAnswers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AnswerId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StoredFileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    OriginalFileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    AddedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    AddedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AddedByOrganisationId = table.Column<int>(type: "int", nullable: true),
                    AddedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlEvidence_ControlAnswers_AnswerId",
                        column: x => x.AnswerId,
                        principalTable: "ControlAnswers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ControlSets",
                columns: new[] { "Id", "CreatedByName", "CreatedUtc", "Description", "Marking", "Name", "NormalisedName", "ReadOnly", "Source" },
                values: new object[,]
                {
                    { 1, "Roundtable Manager", new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The five technical controls of the government-backed Cyber Essentials scheme.", null, "Cyber Essentials", "CYBER ESSENTIALS", true, "NCSC Cyber Essentials: requirements for IT infrastructure" },
                    { 2, "Roundtable Manager", new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The fourteen principles of the NCSC Cyber Assessment Framework (CAF), under its four objectives.", null, "NCSC Cyber Assessment Framework", "NCSC CYBER ASSESSMENT FRAMEWORK", true, "NCSC Cyber Assessment Framework" }
                });

            migrationBuilder.InsertData(
                table: "Controls",
                columns: new[] { "Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title" },
                values: new object[,]
                {
                    { 1, "CE1", 1, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Every device that can reach the internet is protected by a correctly configured firewall (or a device doing the same job): default administrative passwords changed, and inbound rules that are not needed removed.", 1, null, null, null, "NCSC Cyber Essentials: requirements for IT infrastructure", "Firewalls" },
                    { 2, "CE2", 1, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Computers and network devices are set up to reduce weaknesses: unnecessary accounts and software removed, default passwords changed, auto-run off, and devices locked when not in use.", 2, null, null, null, "NCSC Cyber Essentials: requirements for IT infrastructure", "Secure configuration" },
                    { 3, "CE3", 1, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Software is licensed, supported and kept up to date: critical and high-risk security updates applied within 14 days of release, and unsupported software removed.", 3, null, null, null, "NCSC Cyber Essentials: requirements for IT infrastructure", "Security update management" },
                    { 4, "CE4", 1, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Accounts only for those who need them, with only the access they need; administrative accounts used only for administration; multi-factor authentication on cloud services.", 4, null, null, null, "NCSC Cyber Essentials: requirements for IT infrastructure", "User access control" },
                    { 5, "CE5", 1, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Anti-malware software, or allowing only approved applications to run, stops malicious software from running.", 5, null, null, null, "NCSC Cyber Essentials: requirements for IT infrastructure", "Malware protection" },
                    { 6, "A1", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Policies, processes and procedures govern the organisation's approach to the security of its network and information systems.", 1, 1, null, null, "NCSC Cyber Assessment Framework", "Governance" },
                    { 7, "A2", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The organisation identifies, assesses and understands the security risks to the network and information systems supporting its essential functions.", 2, 1, null, null, "NCSC Cyber Assessment Framework", "Risk management" },
                    { 8, "A3", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Everything needed to deliver, maintain or support the network and information systems behind essential functions is identified and understood.", 3, 1, null, null, "NCSC Cyber Assessment Framework", "Asset management" },
                    { 9, "A4", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The organisation understands and manages the security risks that arise from its dependence on external suppliers.", 4, 1, null, null, "NCSC Cyber Assessment Framework", "Supply chain" },
                    { 10, "B1", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Policies and processes that direct the approach to securing systems and data are defined, put in place, communicated and enforced.", 5, 2, null, null, "NCSC Cyber Assessment Framework", "Service protection policies and processes" },
                    { 11, "B2", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Access to the network and information systems supporting essential functions is understood, documented and managed.", 6, 2, null, null, "NCSC Cyber Assessment Framework", "Identity and access control" },
                    { 12, "B3", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Data stored or sent electronically is protected from unauthorised access, change or deletion that could harm essential functions.", 7, 2, null, null, "NCSC Cyber Assessment Framework", "Data security" },
                    { 13, "B4", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Network and information systems and technology critical to essential functions are protected from cyber attack.", 8, 2, null, null, "NCSC Cyber Assessment Framework", "System security" },
                    { 14, "B5", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Resilience against cyber attack and system failure is built into how systems are designed, put in place, run and managed.", 9, 2, null, null, "NCSC Cyber Assessment Framework", "Resilient networks and systems" },
                    { 15, "B6", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Staff have the awareness, knowledge and skills to carry out their roles securely.", 10, 2, null, null, "NCSC Cyber Assessment Framework", "Staff awareness and training" },
                    { 16, "C1", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The security of the networks and systems behind essential functions is monitored, to detect problems and to track how well protective measures work.", 11, 3, null, null, "NCSC Cyber Assessment Framework", "Security monitoring" },
                    { 17, "C2", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Malicious activity is found even when it evades standard signature-based prevention and detection.", 12, 3, null, null, "NCSC Cyber Assessment Framework", "Proactive security event discovery" },
                    { 18, "D1", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Well-defined and tested incident management processes aim to keep essential functions going if systems or services fail.", 13, 4, null, null, "NCSC Cyber Assessment Framework", "Response and recovery planning" },
                    { 19, "D2", 2, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "After an incident, its root causes are understood and action is taken to protect against it happening again.", 14, 4, null, null, "NCSC Cyber Assessment Framework", "Lessons learned" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionControls_ControlId",
                table: "ActionControls",
                column: "ControlId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlAdoptions_AdoptedUtc",
                table: "ControlAdoptions",
                column: "AdoptedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ControlAdoptions_ControlSetId_OrganisationId",
                table: "ControlAdoptions",
                columns: new[] { "ControlSetId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ControlAdoptions_OrganisationId",
                table: "ControlAdoptions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlAdoptions_RoundtableId",
                table: "ControlAdoptions",
                column: "RoundtableId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlAnswerHistory_AnswerId_AtUtc",
                table: "ControlAnswerHistory",
                columns: new[] { "AnswerId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlAnswerHistory_ControlId_AtUtc",
                table: "ControlAnswerHistory",
                columns: new[] { "ControlId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlAnswers_ControlId_Status",
                table: "ControlAnswers",
                columns: new[] { "ControlId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlAnswers_OrganisationId_ControlId",
                table: "ControlAnswers",
                columns: new[] { "OrganisationId", "ControlId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ControlAnswers_Status_TargetDate",
                table: "ControlAnswers",
                columns: new[] { "Status", "TargetDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlEvidence_AnswerId",
                table: "ControlEvidence",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlEvidence_StoredFileName",
                table: "ControlEvidence",
                column: "StoredFileName",
                unique: true,
                filter: "[StoredFileName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Controls_ControlSetId_Code",
                table: "Controls",
                columns: new[] { "ControlSetId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Controls_ReferenceId",
                table: "Controls",
                column: "ReferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlSets_NormalisedName",
                table: "ControlSets",
                column: "NormalisedName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionControls");

            migrationBuilder.DropTable(
                name: "ControlAdoptions");

            migrationBuilder.DropTable(
                name: "ControlAnswerHistory");

            migrationBuilder.DropTable(
                name: "ControlEvidence");

            migrationBuilder.DropTable(
                name: "ControlAnswers");

            migrationBuilder.DropTable(
                name: "Controls");

            migrationBuilder.DropTable(
                name: "ControlSets");
        }
    }
}
