using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InvitationRecipientsInvitationIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_InvitationRecipients_InvitationId",
                table: "InvitationRecipients",
                column: "InvitationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InvitationRecipients_InvitationId",
                table: "InvitationRecipients");
        }
    }
}
