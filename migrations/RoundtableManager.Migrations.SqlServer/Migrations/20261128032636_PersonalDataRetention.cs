using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoundtableManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedUtc",
                table: "InvitationRecipients",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedUtc",
                table: "Delegates",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NeedsErasedUtc",
                table: "Delegates",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedUtc",
                table: "Contacts",
                type: "datetime2",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErasedUtc",
                table: "InvitationRecipients");

            migrationBuilder.DropColumn(
                name: "ErasedUtc",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "NeedsErasedUtc",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "ErasedUtc",
                table: "Contacts");
        }
    }
}
