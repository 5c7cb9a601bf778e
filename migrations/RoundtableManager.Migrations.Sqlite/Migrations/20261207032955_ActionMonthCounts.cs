using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionMonthCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActionMonthCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    AgendaItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionMonthCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionMonthCounts_Month_AgendaItemId_OwnerOrganisationId_Status_DueDate_Count",
                table: "ActionMonthCounts",
                columns: new[] { "Month", "AgendaItemId", "OwnerOrganisationId", "Status", "DueDate", "Count" });

            // Existing actions counted as the app counts them (ActionMonthCountInterceptor): by the UK month they were opened
            // in. The UTC month is the UK's but for the last hour (23:00 UTC) of the last day of March to September, in BST
            // the first hour of the next month (the clocks go forward before 31 March and back before 31 October).
            migrationBuilder.Sql("""
                INSERT INTO "ActionMonthCounts" ("Month", "AgendaItemId", "OwnerOrganisationId", "Status", "DueDate", "Count")
                SELECT CAST(strftime('%Y%m', "CreatedUtc", CASE WHEN CAST(strftime('%m', "CreatedUtc") AS INTEGER) BETWEEN 3 AND 9 THEN '+1 hours' ELSE '+0 hours' END) AS INTEGER),
                    COALESCE("AgendaItemId", 0), COALESCE("OwnerOrganisationId", 0), "Status", "DueDate", COUNT(*)
                FROM "FollowUpActions"
                GROUP BY 1, 2, 3, 4, 5;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionMonthCounts");
        }
    }
}
