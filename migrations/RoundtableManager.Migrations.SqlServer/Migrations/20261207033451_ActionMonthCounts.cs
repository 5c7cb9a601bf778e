using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Month = table.Column<int>(type: "int", nullable: false),
                    AgendaItemId = table.Column<int>(type: "int", nullable: false),
                    OwnerOrganisationId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
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
                INSERT INTO [ActionMonthCounts] ([Month], [AgendaItemId], [OwnerOrganisationId], [Status], [DueDate], [Count])
                SELECT YEAR(u.[Uk]) * 100 + MONTH(u.[Uk]), COALESCE(a.[AgendaItemId], 0), COALESCE(a.[OwnerOrganisationId], 0), a.[Status], a.[DueDate], COUNT(*)
                FROM [FollowUpActions] AS a
                CROSS APPLY (SELECT DATEADD(hour, CASE WHEN MONTH(a.[CreatedUtc]) BETWEEN 3 AND 9 THEN 1 ELSE 0 END, a.[CreatedUtc]) AS [Uk]) AS u
                GROUP BY YEAR(u.[Uk]) * 100 + MONTH(u.[Uk]), COALESCE(a.[AgendaItemId], 0), COALESCE(a.[OwnerOrganisationId], 0), a.[Status], a.[DueDate];
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
