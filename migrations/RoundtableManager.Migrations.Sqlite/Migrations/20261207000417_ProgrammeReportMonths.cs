using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReplyMonthSummaries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupKind = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Invited = table.Column<int>(type: "INTEGER", nullable: false),
                    Replied = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyTenths = table.Column<string>(type: "TEXT", nullable: false)
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
                + "SELECT CAST(strftime('%Y%m', [StartsUtc]) AS INTEGER) FROM [Roundtables] "
                + "UNION SELECT CAST(strftime('%Y%m', [StartsUtc], '+1 hour') AS INTEGER) FROM [Roundtables];");
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
