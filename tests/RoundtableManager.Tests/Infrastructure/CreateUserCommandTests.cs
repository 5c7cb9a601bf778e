using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Infrastructure;

/// <summary>
/// The create-user verb against the database of a running app (the actions host: each address is used once, and the
/// refusals count users while no other test of the host runs). With a password piped in it runs as its own process, as an
/// operator would (what only a process shows: its redirected standard input read); with a password generated it runs the
/// same entry point in-process (<see cref="AppProcess.RunInProcessAsync"/>, the same code without a process start) and the
/// printed password signs in; its refusals run the command (<see cref="CreateUserCommand"/>) on that app's services. So the
/// class starts one process, not seven.
/// </summary>
[Collection(SharedHosts.Actions)]
public sealed class CreateUserCommandTests(TestApp app)
{
    private string[] Args(params string[] verb) => [.. verb, $"--Database:ConnectionString=Data Source={app.DatabasePath}"];

    [Fact]
    public async Task CreateUser_NoPasswordPiped_GeneratesOnePrintsItOnceAndItSignsIn()
    {
        _ = app.Services;
        var result = await AppProcess.RunInProcessAsync(Args("create-user", "--email", "first.organiser@example.gov.uk", "--role", "Organiser", "--name", "First Organiser"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created Organiser account first.organiser@example.gov.uk.", result.Output, StringComparison.Ordinal);
        var password = result.Output.Split('\n').Single(l => l.StartsWith("Password", StringComparison.Ordinal)).Split(':')[1].Trim();

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
        _ = app.Services;
        const string password = "amber kestrel quietly juggles";
        var result = await AppProcess.RunAsync(Args("create-user", "--email", "staff.one@example.gov.uk", "--role", "staff"), standardInput: password + "\n");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(password, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", result.Output, StringComparison.Ordinal);

        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "staff.one@example.gov.uk"));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ApplicationUser>().VerifyHashedPassword(user, user.PasswordHash!, password));
    }

    [Fact]
    public async Task CreateUser_WeakPiped_RefusedWithReasonAndNothingCreated()
    {
        var users = await CountUsersAsync();
        var (exitCode, output) = await RunAsync(Args("--email", "weak@example.gov.uk", "--role", "Organiser"), "password1234\n");
        Assert.Equal(1, exitCode);
        Assert.Contains("on a list of common passwords", output, StringComparison.Ordinal);
        Assert.Equal(users, await CountUsersAsync());
    }

    [Theory]
    [InlineData("--email", "not-an-email", "--role", "Organiser")]
    [InlineData("--email", "a@example.gov.uk", "--role", "Admin")]
    [InlineData("--email", "a@example.gov.uk")]
    public async Task CreateUser_BadArguments_ExplainsAndFails(params string[] verbArgs)
    {
        var users = await CountUsersAsync();
        var (exitCode, output) = await RunAsync(Args(verbArgs), "amber kestrel quietly juggles\n");
        Assert.NotEqual(0, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(output));
        Assert.Equal(users, await CountUsersAsync());
    }

    [Fact]
    public async Task CreateUser_NameWithLineBreak_RefusedWithReasonAndNothingCreated()
    {
        var users = await CountUsersAsync();
        var (exitCode, output) = await RunAsync(Args("--email", "lines@example.gov.uk", "--role", "Staff", "--name", "A Person\r\nBcc: everyone@example.gov.uk"), passwordInput: null);
        Assert.Equal(1, exitCode);
        Assert.Contains("Full name must not contain line breaks or control characters", output, StringComparison.Ordinal);
        Assert.Equal(users, await CountUsersAsync());
    }

    /// <summary>The verb's arguments (after "create-user") through the command the process runs, with what it prints.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string[] verbArgs, string? passwordInput)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var output = new StringWriter();
        using var input = passwordInput is null ? null : new StringReader(passwordInput);
        var exitCode = await scope.ServiceProvider.GetRequiredService<CreateUserCommand>()
            .RunAsync(verbArgs, input, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    private Task<int> CountUsersAsync() => app.WithDbAsync(db => db.Users.CountAsync());
}
