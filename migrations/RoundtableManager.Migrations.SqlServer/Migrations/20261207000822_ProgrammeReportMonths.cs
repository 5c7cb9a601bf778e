using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeReportMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Month",
                table: "ReportSummaryRefreshes",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReplyMonthSummaries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Month = table.Column<int>(type: "int", nullable: false),
                    GroupKind = table.Column<int>(type: "int", nullable: false),
                    GroupKey = table.Column<int>(type: "int", nullable: false),
                    Invited = table.Column<int>(type: "int", nullable: false),
                    Replied = table.Column<int>(type: "int", nullable: false),
                    Accepted = table.Column<int>(type: "int", nullable: false),
                    Attended = table.Column<int>(type: "int", nullable: false),
                    ReplyTenths = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyMonthSummaries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyMonthSummaries_Month_GroupKind_GroupKey",
                table: "ReplyMonthSummaries",
                columns: new[] { "Month", "GroupKind", "GroupKey" },
                unique: true);

            // An existing database: mark every month a roundtable starts in, so the next refresh (the minutely job or the
            // report's first reader) adds up its roundtables' kept rows. A UK month is the UTC month, or the next one for the
            // last hour of a month in BST: both are marked (one too many is only worked out for nothing).
            migrationBuilder.Sql("INSERT INTO [ReportSummaryRefreshes] ([Month]) "
                + "SELECT YEAR([StartsUtc]) * 100 + MONTH([StartsUtc]) FROM [Roundtables] "
                + "UNION SELECT YEAR(DATEADD(hour, 1, [StartsUtc])) * 100 + MONTH(DATEADD(hour, 1, [StartsUtc])) FROM [Roundtables]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplyMonthSummaries");

            migrationBuilder.DropColumn(
                name: "Month",
                table: "ReportSummaryRefreshes");
        }
    }
}
