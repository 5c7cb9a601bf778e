using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeScaleSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastEngagedUtc",
                table: "Organisations",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.CreateTable(
                name: "DirectoryCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Organisations = table.Column<int>(type: "INTEGER", nullable: false),
                    Contacts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReplySummaries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundtableId = table.Column<int>(type: "INTEGER", nullable: false),
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
                    table.PrimaryKey("PK_ReplySummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplySummaries_Roundtables_RoundtableId",
                        column: x => x.RoundtableId,
                        principalTable: "Roundtables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportSummaryRefreshes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundtableId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSummaryRefreshes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportSummaryRefreshes_Roundtables_RoundtableId",
                        column: x => x.RoundtableId,
                        principalTable: "Roundtables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_IsArchived_LastEngagedUtc_Name_Id",
                table: "Organisations",
                columns: new[] { "IsArchived", "LastEngagedUtc", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryCounts_IsArchived_Type",
                table: "DirectoryCounts",
                columns: new[] { "IsArchived", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_ReplySummaries_RoundtableId_GroupKind_GroupKey",
                table: "ReplySummaries",
                columns: new[] { "RoundtableId", "GroupKind", "GroupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportSummaryRefreshes_RoundtableId",
                table: "ReportSummaryRefreshes",
                column: "RoundtableId");

            // A database with data already: its summaries are worked out on the report's next read, its counts now.
            migrationBuilder.Sql("INSERT INTO [ReportSummaryRefreshes] ([OrganisationId]) SELECT [Id] FROM [Organisations];");
            migrationBuilder.Sql("INSERT INTO [DirectoryCounts] ([IsArchived], [Type], [Organisations], [Contacts]) "
                + "SELECT o.[IsArchived], o.[Type], COUNT(*), SUM((SELECT COUNT(*) FROM [Contacts] AS c WHERE c.[OrganisationId] = o.[Id])) "
                + "FROM [Organisations] AS o GROUP BY o.[IsArchived], o.[Type];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryCounts");

            migrationBuilder.DropTable(
                name: "ReplySummaries");

            migrationBuilder.DropTable(
                name: "ReportSummaryRefreshes");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_IsArchived_LastEngagedUtc_Name_Id",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "LastEngagedUtc",
                table: "Organisations");
        }
    }
}
