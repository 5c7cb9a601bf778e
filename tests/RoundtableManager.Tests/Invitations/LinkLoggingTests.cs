using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Tests.Invitations;

public sealed class LinkLoggingTests
{
    [Fact]
    public async Task Link_OpenedWithFrameworkLoggingAtInformation_TokenIsNeverLogged()
    {
        // Settings an operator might use: everything, including ASP.NET Core's request logging, at Information.
        await using var app = new LoggingApp(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, "Logged Ltd");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single();
        var token = InvitationTestData.Token(message);
        var wrongToken = new string('Q', 43);

        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, "/invitation/" + token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await InvitationTestData.OpenLinkAsync(app, "/invitation/" + wrongToken)).Status);

        // The capture works: the framework did log the requests at Information, just not their paths.
        Assert.Contains(app.Lines, l => l.Contains("InvitationsController.Open", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(wrongToken, StringComparison.Ordinal));
    }

    private sealed class LoggingApp(IDictionary<string, string?> settings) : TestApp("Testing", settings)
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new CapturingProvider(_lines)));
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
