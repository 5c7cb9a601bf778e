using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace RoundtableManager.Core.Email;

/// <summary>Where messages go: an SMTP server or a pickup folder, chosen by Email:Transport.</summary>
public interface IEmailTransport
{
    /// <summary>Opens one connection for a batch of messages.</summary>
    Task<IEmailConnection> ConnectAsync(CancellationToken cancellationToken);
}

public interface IEmailConnection : IAsyncDisposable
{
    /// <summary>False once the connection has broken; the sender then opens a new one for the rest of the batch.</summary>
    bool IsUsable { get; }

    /// <summary>Returns the server's reply when it has accepted the message; throws when it has not.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Writes each message as an .eml file, so a first run needs no mail server.</summary>
public sealed class PickupEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport
{
    public string Folder => ResolveFolder(options.Value.PickupFolder, environment.ContentRootPath);

    public static string ResolveFolder(string folder, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(contentRoot, folder));

    public Task<IEmailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IEmailConnection>(new Connection(Folder));
    }

    private sealed class Connection(string folder) : IEmailConnection
    {
        public bool IsUsable => true;

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // Named after the Message-ID: a re-sent copy replaces the file instead of adding a second one.
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_')) + ".eml";
            var path = Path.Combine(folder, name);
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return "Written to the pickup folder as " + name;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Delivers over SMTP with MailKit: one connection per batch, every network call bounded by the timeout.</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task<IEmailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await WithTimeoutAsync(timeout, async token =>
            {
                await client.ConnectAsync(settings.Host, settings.Port, ToMailKit(settings.Security), token);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", token);
                }
            }, cancellationToken);
            return new Connection(client, timeout);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>MailKit's async calls do not honour the socket timeout, so each call gets a cancellation deadline.</summary>
    private static async Task WithTimeoutAsync(TimeSpan timeout, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await work(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server did not answer within {timeout.TotalSeconds:0} seconds.");
        }
    }

    private sealed class Connection(SmtpClient client, TimeSpan timeout) : IEmailConnection
    {
        public bool IsUsable => client.IsConnected;

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var reply = "";
            await WithTimeoutAsync(timeout, async token => reply = await client.SendAsync(message, token), cancellationToken);
            // Only 250 ends a message's DATA successfully (RFC 5321); MailKit gives the text after the code.
            return "250 " + reply;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(timeout);
                    await client.DisconnectAsync(quit: true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
            {
                // Everything in the batch is already recorded; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
