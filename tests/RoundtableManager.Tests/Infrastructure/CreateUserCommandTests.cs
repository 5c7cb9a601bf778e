using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace RoundtableManager.Tests.Infrastructure;

/// <summary>The create-user verb, run as its own process against a new database, then used to sign in.</summary>
public sealed class CreateUserCommandTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "rtm-tests", $"cli-{Guid.NewGuid():N}.db");

    private string[] Args(params string[] verb) => [.. verb, $"--Database:ConnectionString=Data Source={_database}"];

    [Fact]
    public async Task CreateUser_NoPasswordPiped_GeneratesOnePrintsItOnceAndItSignsIn()
    {
        var result = await AppProcess.RunAsync(Args("create-user", "--email", "first.organiser@example.gov.uk", "--role", "Organiser", "--name", "First Organiser"), standardInput: null);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created Organiser account first.organiser@example.gov.uk.", result.Output, StringComparison.Ordinal);
        var password = result.Output.Split('\n').Single(l => l.StartsWith("Password", StringComparison.Ordinal)).Split(':')[1].Trim();

        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_database}" });
        using var client = app.CreateBrowserLikeClient();
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "first.organiser@example.gov.uk", ["Password"] = password });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        // A new organiser must set up two-factor sign-in before anything else.
        using var dashboard = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal("/account/two-factor/setup", dashboard.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CreateUser_PasswordPiped_UsesItAndDoesNotPrintIt()
    {
        const string password = "amber kestrel quietly juggles";
        var result = await AppProcess.RunAsync(Args("create-user", "--email", "staff.one@example.gov.uk", "--role", "staff"), standardInput: password + "\n");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(password, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", result.Output, StringComparison.Ordinal);

        await using var db = OpenDatabase();
        var user = await db.Users.SingleAsync(u => u.Email == "staff.one@example.gov.uk");
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ApplicationUser>().VerifyHashedPassword(user, user.PasswordHash!, password));
    }

    [Fact]
    public async Task CreateUser_WeakPiped_RefusedWithReasonAndNothingCreated()
    {
        var result = await AppProcess.RunAsync(Args("create-user", "--email", "weak@example.gov.uk", "--role", "Organiser"), standardInput: "password1234\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("on a list of common passwords", result.Output, StringComparison.Ordinal);
        await using var db = OpenDatabase();
        Assert.False(await db.Users.AnyAsync());
    }

    [Theory]
    [InlineData("--email", "not-an-email", "--role", "Organiser")]
    [InlineData("--email", "a@example.gov.uk", "--role", "Admin")]
    [InlineData("--email", "a@example.gov.uk")]
    public async Task CreateUser_BadArguments_ExplainsAndFails(params string[] verbArgs)
    {
        var result = await AppProcess.RunAsync(Args(["create-user", .. verbArgs]), standardInput: "amber kestrel quietly juggles\n");
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Output));
    }

    [Fact]
    public async Task CreateUser_NameWithLineBreak_RefusedWithReasonAndNothingCreated()
    {
        var result = await AppProcess.RunAsync(
            Args("create-user", "--email", "lines@example.gov.uk", "--role", "Staff", "--name", "A Person\r\nBcc: everyone@example.gov.uk"), standardInput: null);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Full name must not contain line breaks or control characters", result.Output, StringComparison.Ordinal);
        await using var db = OpenDatabase();
        Assert.False(await db.Users.AnyAsync());
    }

    private Core.Data.AppDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<Core.Data.AppDbContext>().UseSqlite($"Data Source={_database}").Options;
        return new Core.Data.AppDbContext(options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }
}
