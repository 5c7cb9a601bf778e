using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Portal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "Invitations",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecordedByOrganiser",
                table: "Invitations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RespondedByName",
                table: "Invitations",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RespondedByUserId",
                table: "Invitations",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Delegates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    InvitationId = table.Column<int>(type: "int", nullable: false),
                    RoundtableId = table.Column<int>(type: "int", nullable: false),
                    ContactId = table.Column<int>(type: "int", nullable: true),
                    FullName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    NormalisedEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    JobTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccessNeeds = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DietaryRequirements = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    QueuedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TermsVersion = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TermsAgreedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CalendarUid = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AttendedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Delegates_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Delegates_Invitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "Invitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Delegates_Roundtables_RoundtableId",
                        column: x => x.RoundtableId,
                        principalTable: "Roundtables",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Delegates_ContactId",
                table: "Delegates",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Delegates_InvitationId_NormalisedEmail",
                table: "Delegates",
                columns: new[] { "InvitationId", "NormalisedEmail" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Delegates_RoundtableId_Status_QueuedUtc",
                table: "Delegates",
                columns: new[] { "RoundtableId", "Status", "QueuedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Delegates");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "RecordedByOrganiser",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "RespondedByName",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "RespondedByUserId",
                table: "Invitations");
        }
    }
}
