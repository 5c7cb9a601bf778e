using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CsvImportSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand rather than left to EF Core's table rebuild: each word is kept once per organisation (the
            // old rows named their contact, so a word shared by several addresses was there several times) and the new
            // key is built from the old rows in one pass.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_OrganisationSearchTerms" (
                    "Term" TEXT NOT NULL,
                    "OrganisationId" INTEGER NOT NULL,
                    CONSTRAINT "PK_OrganisationSearchTerms" PRIMARY KEY ("Term", "OrganisationId"),
                    CONSTRAINT "FK_OrganisationSearchTerms_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
                );
                INSERT OR IGNORE INTO "ef_temp_OrganisationSearchTerms" ("Term", "OrganisationId")
                SELECT "Term", "OrganisationId" FROM "OrganisationSearchTerms" ORDER BY "Term", "OrganisationId";
                DROP TABLE "OrganisationSearchTerms";
                ALTER TABLE "ef_temp_OrganisationSearchTerms" RENAME TO "OrganisationSearchTerms";
                CREATE INDEX "IX_OrganisationSearchTerms_OrganisationId" ON "OrganisationSearchTerms" ("OrganisationId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The old shape again; every word comes back as a word of its organisation (no contact named), which the
            // old code searched the same way.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_OrganisationSearchTerms" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrganisationSearchTerms" PRIMARY KEY AUTOINCREMENT,
                    "OrganisationId" INTEGER NOT NULL,
                    "ContactId" INTEGER NULL,
                    "Term" TEXT NOT NULL,
                    CONSTRAINT "FK_OrganisationSearchTerms_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_OrganisationSearchTerms_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
                );
                INSERT INTO "ef_temp_OrganisationSearchTerms" ("OrganisationId", "Term") SELECT "OrganisationId", "Term" FROM "OrganisationSearchTerms";
                DROP TABLE "OrganisationSearchTerms";
                ALTER TABLE "ef_temp_OrganisationSearchTerms" RENAME TO "OrganisationSearchTerms";
                CREATE INDEX "IX_OrganisationSearchTerms_ContactId" ON "OrganisationSearchTerms" ("ContactId");
                CREATE INDEX "IX_OrganisationSearchTerms_OrganisationId" ON "OrganisationSearchTerms" ("OrganisationId");
                CREATE INDEX "IX_OrganisationSearchTerms_Term_OrganisationId" ON "OrganisationSearchTerms" ("Term", "OrganisationId");
                """);
        }
    }
}
