using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoundtableManager.Bench;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that only counts Message-IDs. TestSmtpServer (TestSupport) accepted about 20
/// messages a second here, from either side, so it was the bottleneck and hid the difference being measured.
/// Each connection is served on a thread of its own with blocking reads, as a relay in a process of its own would be:
/// it shares the processor with the app but never waits in the app's thread-pool queue (served async in process, its
/// every read queued behind the answers of benchmark 5 and slowed the send for a reason no real relay has).
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _messageIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Socket, bool> _open = new();
    private readonly Task _accepting;
    private readonly TimeSpan _perMessage;
    private int _received;

    /// <param name="perMessage">How long the sink takes over each message before it answers (a slower relay), or none.</param>
    public SmtpSink(TimeSpan? perMessage = null)
    {
        _perMessage = perMessage ?? TimeSpan.Zero;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public static string Host => "127.0.0.1";

    public int Port { get; }

    public int Received => Volatile.Read(ref _received);

    public int Distinct => _messageIds.Count;

    /// <summary>The most times any one Message-ID arrived.</summary>
    public int MostCopies => _messageIds.IsEmpty ? 0 : _messageIds.Values.Max();

    public Dictionary<string, string?> AppSettings() => new()
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = Host,
        ["Email:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "10",
    };

    public void Reset()
    {
        _messageIds.Clear();
        Volatile.Write(ref _received, 0);
    }

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} messages at the sink within {timeout}, got {Received}.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            socket.NoDelay = true;
            _open[socket] = true;
            new Thread(() => Serve(socket)) { IsBackground = true, Name = "SMTP sink" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            using var reader = new StreamReader(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            using var writer = new StreamWriter(stream, Encoding.ASCII, bufferSize: 1024) { NewLine = "\r\n", AutoFlush = true };
            writer.WriteLine("220 sink ready");
            while (reader.ReadLine() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        writer.Write("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                        break;
                    case "DATA":
                        writer.WriteLine("354 end with .");
                        ReadMessage(reader);
                        if (_perMessage > TimeSpan.Zero)
                        {
                            Thread.Sleep(_perMessage);
                        }

                        writer.WriteLine("250 OK");
                        break;
                    case "QUIT":
                        writer.WriteLine("221 bye");
                        return;
                    default:
                        writer.WriteLine("250 OK");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the sink stopped.
        }
        finally
        {
            _open.TryRemove(socket, out _);
        }
    }

    private void ReadMessage(StreamReader reader)
    {
        string? messageId = null;
        var inHeaders = true;
        var idOnNextLine = false;
        while (reader.ReadLine() is { } line && line != ".")
        {
            if (!inHeaders)
            {
                continue;
            }

            if (line.Length == 0)
            {
                inHeaders = false;
            }
            else if (idOnNextLine && line[0] is ' ' or '\t')
            {
                messageId = line.Trim();
                idOnNextLine = false;
            }
            else if (line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
            {
                messageId = line["Message-ID:".Length..].Trim();
                idOnNextLine = messageId.Length == 0;
            }
        }

        _messageIds.AddOrUpdate(messageId ?? "(none)", 1, (_, n) => n + 1);
        Interlocked.Increment(ref _received);
    }
}
