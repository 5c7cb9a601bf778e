using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CsvImportSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each word is kept once per organisation under the new key (the old rows named their contact, so a word
            // shared by several addresses was there several times): the duplicates go before the key is built.
            migrationBuilder.Sql("DELETE FROM [OrganisationSearchTerms] WHERE [Id] NOT IN (SELECT MIN([Id]) FROM [OrganisationSearchTerms] GROUP BY [Term], [OrganisationId]);");

            migrationBuilder.DropForeignKey(
                name: "FK_OrganisationSearchTerms_Contacts_ContactId",
                table: "OrganisationSearchTerms");

            migrationBuilder.DropPrimaryKey(
                name: "PK_OrganisationSearchTerms",
                table: "OrganisationSearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationSearchTerms_ContactId",
                table: "OrganisationSearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationSearchTerms_Term_OrganisationId",
                table: "OrganisationSearchTerms");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "OrganisationSearchTerms");

            migrationBuilder.DropColumn(
                name: "ContactId",
                table: "OrganisationSearchTerms");

            migrationBuilder.AddPrimaryKey(
                name: "PK_OrganisationSearchTerms",
                table: "OrganisationSearchTerms",
                columns: new[] { "Term", "OrganisationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_OrganisationSearchTerms",
                table: "OrganisationSearchTerms");

            migrationBuilder.AddColumn<int>(
                name: "Id",
                table: "OrganisationSearchTerms",
                type: "int",
                nullable: false,
                defaultValue: 0)
                .Annotation("SqlServer:Identity", "1, 1");

            migrationBuilder.AddColumn<int>(
                name: "ContactId",
                table: "OrganisationSearchTerms",
                type: "int",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_OrganisationSearchTerms",
                table: "OrganisationSearchTerms",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSearchTerms_ContactId",
                table: "OrganisationSearchTerms",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSearchTerms_Term_OrganisationId",
                table: "OrganisationSearchTerms",
                columns: new[] { "Term", "OrganisationId" });

            migrationBuilder.AddForeignKey(
                name: "FK_OrganisationSearchTerms_Contacts_ContactId",
                table: "OrganisationSearchTerms",
                column: "ContactId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
