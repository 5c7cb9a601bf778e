using Microsoft.Data.Sqlite;

namespace RoundtableManager.Tests.Errors;

public sealed class DatabaseBusyTests
{
    [Fact]
    public async Task Save_WhileAnotherProcessHoldsTheDatabase_ClearBusyPageNothingSaved_ThenRetryWorks()
    {
        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "1" });
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        using var client = await app.SignedInClientAsync(organiser);
        var fields = new Dictionary<string, string> { ["Name"] = "Busy Person", ["Email"] = $"busy.{Guid.NewGuid():N}@example.gov.uk", ["Role"] = Roles.Staff };
        var page = await client.GetDocumentAsync("/users/new");
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Another process (a backup, an admin's sqlite3 shell) takes the write lock and keeps it.
        await using (var blocker = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await blocker.OpenAsync();
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            using var content = new FormUrlEncodedContent(fields);
            using var busy = await client.PostAsync(new Uri("/users/new", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("5", busy.Headers.GetValues("Retry-After").Single());
            Assert.Equal("Sorry, the service is busy", (await busy.ToDocumentAsync()).Heading());

            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == fields["Email"])));
        Assert.Equal("ok", await app.WithDbAsync(async db => (string)(await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single()));

        using var again = await client.PostFormAsync("/users/new", "/users/new", fields);
        Assert.Equal("/users", again.Headers.Location!.OriginalString);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == fields["Email"])));
    }
}
