using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Jobs;

/// <summary>
/// Hangfire logs through one provider per process (<see cref="LogProvider"/>), and Hangfire.AspNetCore points it at the
/// <see cref="ILoggerFactory"/> of the last host that configured Hangfire. With several hosts in one process (the tests run
/// dozens) every Hangfire object made after that host had stopped asked a disposed factory for a logger and threw
/// ObjectDisposedException: the dashboard makes a new recurring-job manager for each request, so its "Trigger now"
/// answered 500 in one app because another had just stopped. This provider logs through the newest host whose factory is
/// still open, so a host's jobs and dashboard never depend on another host being alive. One host per process, as in
/// production, logs exactly as before.
/// </summary>
public sealed class HangfireLogProvider : ILogProvider
{
    public static HangfireLogProvider Instance { get; } = new();

    private readonly List<ILoggerFactory> _factories = [];

    private HangfireLogProvider()
    {
    }

    /// <summary>Adds a host's factory as the newest (and drops those of hosts that have stopped).</summary>
    public void Add(ILoggerFactory factory)
    {
        lock (_factories)
        {
            _factories.RemoveAll(f => f == factory || !IsOpen(f));
            _factories.Add(factory);
        }
    }

    private static bool IsOpen(ILoggerFactory factory)
    {
        try
        {
            factory.CreateLogger("Hangfire");
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public ILog GetLogger(string name) => new HostLog(this, name);

    /// <summary>Hangfire's logger for <paramref name="name"/> in the newest host still open; factories found disposed are dropped.</summary>
    private ILog? Current(string name)
    {
        lock (_factories)
        {
            for (var i = _factories.Count - 1; i >= 0; i--)
            {
                try
                {
                    return new AspNetCoreLogProvider(_factories[i]).GetLogger(name);
                }
                catch (ObjectDisposedException)
                {
                    _factories.RemoveAt(i);
                }
            }

            return null;
        }
    }

    /// <summary>Finds the host to log through at each call (a factory keeps its loggers by name, so this is a lookup).</summary>
    private sealed class HostLog(HangfireLogProvider provider, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) =>
            provider.Current(name)?.Log(logLevel, messageFunc, exception) ?? false;
    }
}
