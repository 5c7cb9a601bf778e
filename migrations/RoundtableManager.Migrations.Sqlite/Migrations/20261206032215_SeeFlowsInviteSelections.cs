using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SeeFlowsInviteSelections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InviteSelections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundtableId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OrganisationIds = table.Column<string>(type: "TEXT", nullable: false),
                    ChosenContacts = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InviteSelections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InviteSelections_Roundtables_RoundtableId",
                        column: x => x.RoundtableId,
                        principalTable: "Roundtables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InviteSelections_RoundtableId_UserId",
                table: "InviteSelections",
                columns: new[] { "RoundtableId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InviteSelections_UpdatedUtc",
                table: "InviteSelections",
                column: "UpdatedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InviteSelections");
        }
    }
}
