using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EngagementJourney : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_ToAddress_CreatedUtc",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<string>(
                name: "NormalisedToAddress",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 254,
                nullable: false,
                computedColumnSql: "UPPER([ToAddress])",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_NormalisedToAddress_CreatedUtc",
                table: "OutboxMessages",
                columns: new[] { "NormalisedToAddress", "CreatedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_NormalisedToAddress_CreatedUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "NormalisedToAddress",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ToAddress_CreatedUtc",
                table: "OutboxMessages",
                columns: new[] { "ToAddress", "CreatedUtc" });
        }
    }
}
