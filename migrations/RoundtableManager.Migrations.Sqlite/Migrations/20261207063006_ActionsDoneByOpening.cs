using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionsDoneByOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_Status_CreatedUtc_ClosedUtc_OwnerOrganisationId_AgendaItemId",
                table: "FollowUpActions",
                columns: new[] { "Status", "CreatedUtc", "ClosedUtc", "OwnerOrganisationId", "AgendaItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_Status_CreatedUtc_ClosedUtc_OwnerOrganisationId_AgendaItemId",
                table: "FollowUpActions");
        }
    }
}
