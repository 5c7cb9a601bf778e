using System.Text.Json;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// What a log shipper reads from a Production instance: the built app started as its own process, its real console
/// output captured. Every line is JSON, a request's lines carry its trace id, and no secret it was given appears.
/// </summary>
public sealed class ProductionLogTests
{
    [Fact]
    public async Task Production_ConsoleLinesAreJsonWithTheRequestsTraceIdAndNoSecret()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rtm-tests", $"prodlog-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var (certificate, certificatePassword) = TestCertificates.CreatePfx();
        const string SmtpPassword = "smtp-secret-sentinel-8d41";
        const string ClientSecret = "oidc-secret-sentinel-27fe";
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Email__PublicBaseUrl"] = TestApp.ProductionPublicBaseUrl,
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "roundtable.db")}",
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = certificatePassword,
            ["Email__Transport"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = "2",
            ["Email__Smtp__UserName"] = "roundtables",
            ["Email__Smtp__Password"] = SmtpPassword,
            ["Jobs__RunServer"] = "false",
            // Configured but unused here: its secret must not reach the log either.
            ["Authentication__Oidc__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
            ["Authentication__Oidc__ClientId"] = "roundtable-manager",
            ["Authentication__Oidc__ClientSecret"] = ClientSecret,
            ["Authentication__Oidc__AllowedEmailDomains__0"] = "example.gov.uk",
        };
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        await using (var app = await RunningAppProcess.StartAsync(environment))
        {
            // Plain HTTP in Production is refused with a page and one warning line: a line written inside a request. Sent
            // over a bare socket, because other tests in this process instrument HttpClient, which rewrites traceparent.
            var status = await SendRawAsync(app.Address, $"00-{traceId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}-01");
            Assert.StartsWith("HTTP/1.1 400", status, StringComparison.Ordinal);

            var line = await app.WaitForLineAsync(l => l.Contains(traceId, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal("Warning", root.GetProperty("LogLevel").GetString());
            Assert.EndsWith("Z", root.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
            Assert.Contains(
                root.GetProperty("Scopes").EnumerateArray(),
                scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);

            var lines = app.Lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            Assert.True(lines.Count > 3, "the app wrote its start-up lines");
            foreach (var written in lines)
            {
                Assert.False(written.StartsWith("stderr: ", StringComparison.Ordinal), "nothing on standard error: " + written);
                using var parsed = JsonDocument.Parse(written);
                Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
                Assert.DoesNotContain(SmtpPassword, written, StringComparison.Ordinal);
                Assert.DoesNotContain(ClientSecret, written, StringComparison.Ordinal);
                Assert.DoesNotContain(certificatePassword, written, StringComparison.Ordinal);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string> SendRawAsync(Uri address, string traceparent)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET /sign-in HTTP/1.1\r\nHost: {address.Authority}\r\nAccept: text/html\r\ntraceparent: {traceparent}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }
}
