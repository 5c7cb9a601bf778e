using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportBatchFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportBatchFiles",
                columns: table => new
                {
                    ImportBatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatchFiles", x => x.ImportBatchId);
                    table.ForeignKey(
                        name: "FK_ImportBatchFiles_ImportBatches_ImportBatchId",
                        column: x => x.ImportBatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Uploads not yet confirmed (or shown as imported) keep their file.
            migrationBuilder.Sql("""
                INSERT INTO "ImportBatchFiles" ("ImportBatchId", "Content") SELECT "Id", "Content" FROM "ImportBatches";
                """);

            migrationBuilder.DropColumn(
                name: "Content",
                table: "ImportBatches");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Content",
                table: "ImportBatches",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "ImportBatches" SET "Content" = (SELECT f."Content" FROM "ImportBatchFiles" AS f WHERE f."ImportBatchId" = "ImportBatches"."Id")
                WHERE "Id" IN (SELECT "ImportBatchId" FROM "ImportBatchFiles");
                """);

            migrationBuilder.DropTable(
                name: "ImportBatchFiles");
        }
    }
}
