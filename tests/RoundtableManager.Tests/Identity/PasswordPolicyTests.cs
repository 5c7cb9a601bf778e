using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Tests.Identity;

public sealed class PasswordPolicyTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public PasswordPolicyTests(TestApp app) => _app = app;

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("lowercase words only and no digits")]
    [InlineData("plum kettle orbit fennel")]
    public async Task Validate_LongUnguessablePassphraseWithoutSymbols_Accepted(string password)
    {
        var errors = await ValidateAsync(password);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("short1!A", "PasswordTooShort")]
    [InlineData("password1234", "PasswordTooGuessable")]
    [InlineData("qwertyuiop123", "PasswordTooGuessable")]
    [InlineData("aaaaaaaaaaaaaaaa", "PasswordTooGuessable")]
    [InlineData("roundtable2026", "PasswordTooGuessable")]
    public async Task Validate_ShortOrGuessable_Refused(string password, string code)
    {
        var errors = await ValidateAsync(password);
        Assert.Contains(code, errors);
    }

    [Fact]
    public async Task Validate_PasswordMadeOfOwnEmail_Refused()
    {
        var errors = await ValidateAsync("janet.oakridge2027", email: "janet.oakridge@example.gov.uk");
        Assert.Contains("PasswordTooGuessable", errors);
    }

    private async Task<List<string>> ValidateAsync(string password, string email = "someone@example.gov.uk")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { Email = email, UserName = email, DisplayName = "Someone" };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Code));
        }

        return errors;
    }
}
