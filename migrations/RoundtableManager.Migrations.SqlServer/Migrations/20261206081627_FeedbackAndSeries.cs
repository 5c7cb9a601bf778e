using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeldUtc",
                table: "Roundtables",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousRoundtableId",
                table: "Roundtables",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FeedbackRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundtableId = table.Column<int>(type: "int", nullable: false),
                    DelegateId = table.Column<int>(type: "int", nullable: false),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    TokenHash = table.Column<string>(type: "char(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    TokenIssuedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LinkOpenedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Usefulness = table.Column<int>(type: "int", nullable: true),
                    WhatShouldChange = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TopicsForNextTime = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    AnsweredUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AnswerChangedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
