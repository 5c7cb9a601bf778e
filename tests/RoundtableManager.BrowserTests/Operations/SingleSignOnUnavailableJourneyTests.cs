using Microsoft.AspNetCore.Identity;
using RoundtableManager.Core.Identity.SingleSignOn;

namespace RoundtableManager.BrowserTests.Operations;

/// <summary>
/// Single sign-on whose provider cannot be used (its metadata names another issuer): the page people get instead, from
/// the sign-in page and from "sign in again" on their sessions page, as they see it on a desktop and on a phone.
/// </summary>
public sealed class SingleSignOnUnavailableJourneyTests(BrowserFixture fixture, SingleSignOnUnavailableJourneyTests.BrokenProviderApp sso, ITestOutputHelper output)
    : SingleSignOnJourneyBase(fixture, sso, output), IClassFixture<SingleSignOnUnavailableJourneyTests.BrokenProviderApp>
{
    private const string Heading = "Signing in with Test Department ID is not working at the moment";

    [Fact]
    public Task SignInAndSignInAgain_ProviderNotUsable_SayWhatToDoInstead() => JourneyAsync(nameof(SignInAndSignInAgain_ProviderNotUsable_SayWhatToDoInstead), async page =>
    {
        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test Department ID", Exact = true }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Heading, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main a[href='/sign-in']")).ToHaveTextAsync("go back to sign in");
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sso-unavailable");
        await SavePhoneScreenshotAsync(page, "sso-unavailable-phone");

        // Someone with no password here, signed in since before the provider went wrong, ends their other session.
        var staff = await App.CreateUserAsync(Roles.Staff, email: $"staff-{Guid.NewGuid():N}@{Domain}");
        await using (var elsewhere = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() }))
        {
            await SignInAsync(await elsewhere.NewPageAsync(), staff);
        }

        await SignInAsync(page, staff);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.AddLoginAsync((await users.FindByIdAsync(staff.Id))!, new UserLoginInfo(SingleSignOnOptions.Scheme, "subject-" + staff.Id, "Test Department ID"))).Succeeded);
        }

        await App.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, (string?)null)));
        await GoToAsync(page, "/account/sessions");
        await page.Locator("input[name='SessionIds']").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to Test Department ID", Exact = true }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Heading, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main a[href='/account/sessions']")).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sso-unavailable-signed-in");
        await SavePhoneScreenshotAsync(page, "sso-unavailable-signed-in-phone");
        Assert.Empty(Sso.Provider.AuthorizeRequests);
    });

    /// <summary>An app on real Kestrel trusting a real provider on 127.0.0.1 whose metadata names another issuer.</summary>
    public sealed class BrokenProviderApp() : SingleSignOnApp(new Uri("http://127.0.0.1:9/another-issuer/"));
}
