using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Identity;

[Collection(SharedHosts.Directory)]
public sealed class PasswordPolicyTests
{
    private readonly TestApp _app;

    public PasswordPolicyTests(TestApp app) => _app = app;

    [Theory]
    [InlineData("lantern orchard velvet compass")]
    [InlineData("lowercase words only and no digits")]
    [InlineData("plum kettle orbit fennel")]
    public async Task Validate_LongUnguessablePassphraseWithoutSymbols_Accepted(string password)
    {
        var errors = await ValidateAsync(password);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("short1!A", "PasswordTooShort")]
    [InlineData("password1234", "PasswordCommon")]
    [InlineData("qwertyuiop123", "PasswordCommon")]
    [InlineData("aaaaaaaaaaaaaaaa", "PasswordRepeated")]
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
        Assert.Contains("PasswordContainsEmail", errors);
    }

    [Theory]
    [InlineData("janet.oakridge@example.gov.uk")]
    [InlineData("Janet.Oakridge@Example.gov.uk")]
    [InlineData("janet.oakridge")]
    [InlineData("JanetOakridge!!")]
    [InlineData("my name is janet.oakridge")]
    public async Task Validate_OwnEmailOrItsLocalPart_RefusedSayingWhy(string password)
    {
        var errors = await ValidateWithMessagesAsync(password, email: "janet.oakridge@example.gov.uk");
        Assert.Equal([("PasswordContainsEmail", "Password must not contain your email address or the part of it before the @")], errors);
    }

    [Theory]
    [InlineData("abababababab")]
    [InlineData("xyzxyzxyzxyz")]
    [InlineData("lanternlantern")]
    [InlineData("orchardorchard1!")]
    public async Task Validate_RepeatedPattern_RefusedSayingWhy(string password)
    {
        var errors = await ValidateWithMessagesAsync(password);
        Assert.Equal([("PasswordRepeated", "Password must not be the same letters or words repeated. Try three or more random words together")], errors);
    }

    [Theory]
    [InlineData("correcthorsebatterystaple")]
    [InlineData("correct horse battery staple")]
    [InlineData("Correct-Horse-Battery-Staple")]
    [InlineData("CorrectHorseBatteryStaple2024!")]
    [InlineData("password1234")]
    [InlineData("iloveyou12345")]
    public async Task Validate_OnTheDenyList_RefusedSayingWhy(string password)
    {
        var errors = await ValidateWithMessagesAsync(password);
        Assert.Equal([("PasswordCommon", "Password is on a list of common passwords that criminals try first. Choose a different one, for example three or more random words together")], errors);
    }

    [Fact]
    public void DenyList_HoldsTheCommonPasswordsThePackageShips()
    {
        Assert.True(PasswordDenyList.Count > 29_000, $"the deny list holds {PasswordDenyList.Count} entries");
    }

    private async Task<List<(string Code, string Description)>> ValidateWithMessagesAsync(string password, string email = "someone@example.gov.uk")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { Email = email, UserName = email, DisplayName = "Someone" };
        var errors = new List<(string, string)>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => (e.Code, e.Description)));
        }

        return errors;
    }

    private async Task<List<string>> ValidateAsync(string password, string email = "someone@example.gov.uk") =>
        (await ValidateWithMessagesAsync(password, email)).Select(e => e.Code).ToList();
}
