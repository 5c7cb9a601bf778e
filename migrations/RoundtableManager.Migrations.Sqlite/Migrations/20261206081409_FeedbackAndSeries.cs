using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackAndSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FeedbackClosesUtc",
                table: "Roundtables",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeldUtc",
                table: "Roundtables",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousRoundtableId",
                table: "Roundtables",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FeedbackRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundtableId = table.Column<int>(type: "INTEGER", nullable: false),
                    DelegateId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    TokenIssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkOpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Usefulness = table.Column<int>(type: "INTEGER", nullable: true),
                    WhatShouldChange = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TopicsForNextTime = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnswerChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackRequests_Delegates_DelegateId",
                        column: x => x.DelegateId,
                        principalTable: "Delegates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackRequests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_FeedbackRequests_Roundtables_RoundtableId",
                        column: x => x.RoundtableId,
                        principalTable: "Roundtables",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Roundtables_PreviousRoundtableId",
                table: "Roundtables",
                column: "PreviousRoundtableId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRequests_DelegateId",
                table: "FeedbackRequests",
                column: "DelegateId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRequests_OrganisationId_AnsweredUtc",
                table: "FeedbackRequests",
                columns: new[] { "OrganisationId", "AnsweredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRequests_RoundtableId_DelegateId",
                table: "FeedbackRequests",
                columns: new[] { "RoundtableId", "DelegateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRequests_TokenHash",
                table: "FeedbackRequests",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Roundtables_Roundtables_PreviousRoundtableId",
                table: "Roundtables",
                column: "PreviousRoundtableId",
                principalTable: "Roundtables",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Roundtables_Roundtables_PreviousRoundtableId",
                table: "Roundtables");

            migrationBuilder.DropTable(
                name: "FeedbackRequests");

            migrationBuilder.DropIndex(
                name: "IX_Roundtables_PreviousRoundtableId",
                table: "Roundtables");

            migrationBuilder.DropColumn(
                name: "FeedbackClosesUtc",
                table: "Roundtables");

            migrationBuilder.DropColumn(
                name: "HeldUtc",
                table: "Roundtables");

            migrationBuilder.DropColumn(
                name: "PreviousRoundtableId",
                table: "Roundtables");
        }
    }
}
