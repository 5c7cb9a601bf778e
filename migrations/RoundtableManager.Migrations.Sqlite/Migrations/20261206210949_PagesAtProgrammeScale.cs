using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PagesAtProgrammeScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_CreatedUtc",
                table: "FollowUpActions");

            migrationBuilder.CreateTable(
                name: "ActionDueCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionDueCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_Id",
                table: "OutboxMessages",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_CreatedUtc_Status_DueDate_OwnerOrganisationId_AgendaItemId_ClosedUtc",
                table: "FollowUpActions",
                columns: new[] { "CreatedUtc", "Status", "DueDate", "OwnerOrganisationId", "AgendaItemId", "ClosedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionDueCounts_Status_DueDate",
                table: "ActionDueCounts",
                columns: new[] { "Status", "DueDate" });

            // The register's kept counts of a database that already has actions (one row per status and due date).
            migrationBuilder.Sql("INSERT INTO [ActionDueCounts] ([Status], [DueDate], [Count]) "
                + "SELECT [Status], [DueDate], COUNT(*) FROM [FollowUpActions] GROUP BY [Status], [DueDate];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionDueCounts");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_CreatedUtc_Status_DueDate_OwnerOrganisationId_AgendaItemId_ClosedUtc",
                table: "FollowUpActions");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_CreatedUtc",
                table: "FollowUpActions",
                column: "CreatedUtc");
        }
    }
}
