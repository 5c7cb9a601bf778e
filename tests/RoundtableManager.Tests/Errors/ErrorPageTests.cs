using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RoundtableManager.Tests.Errors;

public sealed class ErrorPageTests : IClassFixture<ErrorPageTests.ThrowingApp>
{
    private readonly ThrowingApp _app;

    public ErrorPageTests(ThrowingApp app) => _app = app;

    [Fact]
    public async Task UnknownPage_SignedIn_ShowsGovUkNotFoundPage()
    {
        var organiser = await _app.CreateUserAsync(Core.Identity.Roles.Organiser);
        using var client = await _app.SignedInClientAsync(organiser);
        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal("Page not found", page.Heading());
        Assert.NotNull(page.QuerySelector("header.govuk-template__header"));
    }

    [Fact]
    public async Task UnhandledException_ShowsGovUkProblemPageWithoutStackTrace()
    {
        var staff = await _app.CreateUserAsync(Core.Identity.Roles.Staff);
        using var client = await _app.SignedInClientAsync(staff);
        using var response = await client.GetAsync(new Uri("/test/throw", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ToDocumentAsync();
        Assert.Equal("Sorry, there is a problem with the service", page.Heading());
        Assert.DoesNotContain("Boom from a test", html, StringComparison.Ordinal);
        Assert.DoesNotContain("at RoundtableManager", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_RefusedWithGovUkPage()
    {
        using var client = _app.CreateBrowserLikeClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@example.gov.uk", ["Password"] = "whatever-it-is-long" });
        using var response = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Sorry, there is a problem with that request", (await response.ToDocumentAsync()).Heading());
    }

    /// <summary>The real app plus one route that throws, to see what a visitor sees when code fails.</summary>
    public sealed class ThrowingApp : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowRoute()));
        }

        private sealed class ThrowRoute : IStartupFilter
        {
            // Added after the app's own pipeline, so the app's exception handling is around it.
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use(async (context, nextMiddleware) =>
                {
                    if (context.Request.Path == "/test/throw")
                    {
                        throw new InvalidOperationException("Boom from a test");
                    }

                    await nextMiddleware(context);
                });
            };
        }
    }
}
