namespace RoundtableManager.Tests.Infrastructure;

/// <summary>
/// A bad setting stops the app with a message naming the key. One case runs the app as its own process, as an operator
/// starts it; the others run its entry point in-process (<see cref="AppProcess.RunInProcessAsync"/>), the same code.
/// </summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--Database:Provider=Oracle", "Database:Provider")]
    [InlineData("--Database:BusyTimeoutSeconds=0", "Database:BusyTimeoutSeconds")]
    public async Task Start_BadSetting_StopsWithMessageNamingTheKey(string setting, string key)
    {
        var result = await AppProcess.RunInProcessAsync([setting, "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Configuration problem: {key}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SqlServerWithoutConnectionString_StopsWithMessageNamingTheKey()
    {
        var result = await AppProcess.RunAsync(["--Database:Provider=SqlServer", "--Database:ConnectionString=", "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: Database:ConnectionString is required", result.Error, StringComparison.Ordinal);
    }
}
