using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RoundtableManager.TestSupport;

/// <summary>
/// A real nginx (the Debian package) on 127.0.0.1, terminating TLS with a self-signed certificate for
/// <see cref="HostName"/> and proxying to an app on 127.0.0.1 over plain HTTP, as a department's proxy would. It passes
/// the client's address in X-Forwarded-For (replacing whatever the client sent) and the scheme in X-Forwarded-Proto.
/// Config, certificate, pid and logs live in a temp folder of its own. nginx comes from NGINX_PATH or /usr/sbin/nginx;
/// tests/run.sh installs it. Without it this throws, so a test that needs it fails rather than passing unseen.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string HostName = "roundtables.test";

    private readonly Process _process;

    private NginxProxy(Process process, string folder, int port, string thumbprint)
    {
        _process = process;
        Folder = folder;
        Port = port;
        CertificateThumbprint = thumbprint;
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("NGINX_PATH") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    public string Folder { get; }

    public int Port { get; }

    public string CertificateThumbprint { get; }

    public Uri BaseAddress => new($"https://{HostName}:{Port}/");

    public static async Task<NginxProxy> StartAsync(int upstreamPort)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"nginx was not found at {ExecutablePath}. The proxy tests need it: install it (apt-get install nginx; tests/run.sh does so when run as root) or set NGINX_PATH.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "rtm-tests", $"nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var thumbprint = WriteCertificate(folder);
        var port = FreePort();
        // As root, nginx would hand its workers to "nobody"; they stay root so they can use the temp folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            {{user}}
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log {{folder}}/access.log;
              client_body_temp_path {{folder}}/client_body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              server {
                listen 127.0.0.1:{{port}} ssl;
                server_name {{HostName}};
                ssl_certificate {{folder}}/cert.pem;
                ssl_certificate_key {{folder}}/key.pem;
                location / {
                  proxy_pass http://127.0.0.1:{{upstreamPort}};
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $remote_addr;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """);

        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var proxy = new NginxProxy(process, folder, port, thumbprint);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// A client of this proxy whose connections come from <paramref name="source"/> (any address in 127.0.0.0/8 works
    /// on Linux), so one test can be several clients. It trusts only this proxy's certificate and keeps cookies.
    /// </summary>
    public HttpClient ClientFrom(IPAddress source) => CreateClient(source, BaseAddress, CertificateThumbprint);

    /// <summary>A client that talks straight to <paramref name="baseAddress"/> from <paramref name="source"/>, bypassing any proxy.</summary>
    public static HttpClient CreateClient(IPAddress source, Uri baseAddress, string? trustedThumbprint = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            trustedThumbprint is not null && certificate is not null && certificate.GetCertHashString() == trustedThumbprint;
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Leftovers in the temp folder are harmless.
            }
        }
    }

    private static string WriteCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={HostName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());
        return certificate.GetCertHashString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
