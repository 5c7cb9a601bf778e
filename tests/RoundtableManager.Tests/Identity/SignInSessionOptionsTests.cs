using RoundtableManager.TestSupport;

namespace RoundtableManager.Tests.Identity;

public sealed class SignInSessionOptionsTests
{
    [Theory]
    [InlineData(480, 12, null)]
    [InlineData(5, 1, null)]
    [InlineData(1440, 24, null)]
    [InlineData(4, 12, "Sessions:IdleTimeoutMinutes must be between 5 and 1440.")]
    [InlineData(1441, 24, "Sessions:IdleTimeoutMinutes must be between 5 and 1440.")]
    [InlineData(60, 0, "Sessions:AbsoluteLifetimeHours must be between 1 and 24.")]
    [InlineData(60, 25, "Sessions:AbsoluteLifetimeHours must be between 1 and 24.")]
    [InlineData(180, 2, "Sessions:AbsoluteLifetimeHours must not be shorter than Sessions:IdleTimeoutMinutes.")]
    public void Validate_Limits_NameTheKey(int idleMinutes, int lifetimeHours, string? failure)
    {
        var result = new SignInSessionOptionsValidator().Validate(null, new SignInSessionOptions { IdleTimeoutMinutes = idleMinutes, AbsoluteLifetimeHours = lifetimeHours });
        Assert.Equal(failure, result.Failed ? Assert.Single(result.Failures!) : null);
    }

    [Fact]
    public async Task Start_LifetimeShorterThanIdleTimeout_StopsWithMessageNamingTheKey()
    {
        var result = await AppProcess.RunInProcessAsync(["--Sessions:IdleTimeoutMinutes=180", "--Sessions:AbsoluteLifetimeHours=2", "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: Sessions:AbsoluteLifetimeHours must not be shorter than Sessions:IdleTimeoutMinutes.", result.Error, StringComparison.Ordinal);
    }
}
