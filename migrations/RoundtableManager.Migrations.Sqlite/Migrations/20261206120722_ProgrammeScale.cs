using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrganisationSearchTerms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    Term = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationSearchTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationSearchTerms_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationSearchTerms_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Roundtables_EndsUtc",
                table: "Roundtables",
                column: "EndsUtc");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_DueDate",
                table: "FollowUpActions",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSearchTerms_ContactId",
                table: "OrganisationSearchTerms",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSearchTerms_OrganisationId",
                table: "OrganisationSearchTerms",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSearchTerms_Term_OrganisationId",
                table: "OrganisationSearchTerms",
                columns: new[] { "Term", "OrganisationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganisationSearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_Roundtables_EndsUtc",
                table: "Roundtables");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_DueDate",
                table: "FollowUpActions");
        }
    }
}
