using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace RoundtableManager.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1 (a free port) for tests. It keeps every message it accepts, parsed with MimeKit,
/// and can be told to refuse the next deliveries with a transient (4xx) or permanent (5xx) reply.
/// <code>
/// await using var smtp = await TestSmtpServer.StartAsync();
/// var app = TestApp.Create(settings: smtp.AppSettings());
/// ... queue and send ...
/// var received = await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
/// </code>
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _gate = new();
    private readonly Queue<SmtpResponse> _refusals = new();
    private readonly CancellationTokenSource _stop = new();
    private SmtpServer.SmtpServer _server = null!;
    private Task _running = Task.CompletedTask;
    private int _sessions;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    public string Host => "127.0.0.1";

    /// <summary>Every accepted message, in order of arrival.</summary>
    public IReadOnlyList<ReceivedEmail> Messages => [.. _messages];

    /// <summary>SMTP connections (sessions) opened so far: a batch of messages should need one.</summary>
    public int Sessions => _sessions;

    /// <summary>Deliveries refused so far (with any code).</summary>
    public int Refusals { get; private set; }

    /// <summary>Starts on a free port, or on <paramref name="port"/> (a server coming back where one was before).</summary>
    public static async Task<TestSmtpServer> StartAsync(int? port = null)
    {
        var server = new TestSmtpServer();
        await server.StartInternalAsync(port);
        return server;
    }

    /// <summary>Settings that point the app's Email section at this server (plain SMTP, no credentials).</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = Host,
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "10",
    };

    /// <summary>
    /// Refuses the next <paramref name="count"/> deliveries (after DATA) with <paramref name="code"/>: 4xx codes are
    /// transient (451 by default), 5xx permanent (for example 550).
    /// </summary>
    public void FailNext(int count, int code = 451, string reply = "Try again later")
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _refusals.Enqueue(new SmtpResponse((SmtpReplyCode)code, reply));
            }
        }
    }

    /// <summary>Forgets received messages and pending refusals.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _refusals.Clear();
            _messages.Clear();
            Refusals = 0;
            _sessions = 0;
            while (_arrived.CurrentCount > 0)
            {
                _arrived.Wait(0);
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived in total, or throws TimeoutException.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (_messages.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} message(s) at the test SMTP server within {timeout}, got {_messages.Count}.");
            }
        }

        return Messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Shutting down; nothing more to receive.
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task StartInternalAsync(int? port)
    {
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("test-smtp.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        // A session counts once the client greets (EHLO/HELO), so the readiness probe below is not counted.
        _server.SessionCreated += (_, session) => session.Context.CommandExecuting += (_, command) =>
        {
            if (command.Command is EhloCommand or HeloCommand)
            {
                Interlocked.Increment(ref _sessions);
            }
        };
        _running = _server.StartAsync(_stop.Token);
        // Ready when it accepts a connection.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private SmtpResponse Receive(IMessageTransaction transaction, ReadOnlySequence<byte> buffer)
    {
        lock (_gate)
        {
            if (_refusals.TryDequeue(out var refusal))
            {
                Refusals++;
                return refusal;
            }
        }

        using var stream = new MemoryStream(buffer.ToArray());
        var message = MimeMessage.Load(stream);
        var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
        _messages.Enqueue(new ReceivedEmail(message, $"{transaction.From.User}@{transaction.From.Host}", recipients, buffer.ToArray()));
        _arrived.Release();
        return SmtpResponse.Ok;
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            Task.FromResult(owner.Receive(transaction, buffer));
    }
}

/// <summary>A message the test SMTP server accepted: the parsed message, the envelope and the raw bytes.</summary>
public sealed record ReceivedEmail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, byte[] Raw)
{
    public string RawText => System.Text.Encoding.UTF8.GetString(Raw);
}
