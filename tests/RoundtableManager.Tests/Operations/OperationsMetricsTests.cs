using System.Diagnostics.Metrics;
using RoundtableManager.Web.Operations;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// The app's own metrics, read with a MeterListener while real parts do the work: the sender over SMTP to a real
/// server on 127.0.0.1, the reminder sweep job on a real SQLite file, the outbox gauge. Other tests record on the same
/// (static) meter at the same time, so only measurements made in this test's own async flow are counted.
/// </summary>
[Collection(SharedHosts.Smtp)]
public sealed class OperationsMetricsTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    private TestApp App => fixture.App;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sender_OneAcceptedOneRefused_CountsSentAndFailedByKind()
    {
        using var metrics = new OwnMeasurements(OperationsMetrics.MeterName);
        await App.QueueAsync(EmailTestExtensions.Draft("refused@supplier.example", kind: "MetricsCheck"));
        await App.QueueAsync(EmailTestExtensions.Draft("accepted@supplier.example", kind: "MetricsCheck"));
        fixture.Smtp.FailNext(1, 550, "No such mailbox");

        var result = await metrics.RunAsync(App.RunSenderAsync);

        Assert.Equal((1, 1), (result.Sent, result.Failed));
        Assert.Equal(1, metrics.Sum("roundtable.emails.sent", ("kind", "MetricsCheck")));
        Assert.Equal(1, metrics.Sum("roundtable.emails.failed", ("kind", "MetricsCheck")));
    }

    [Fact]
    public async Task ReminderSweepJob_RecordsItsDurationAndEachOutcome_AndAnErrorRun()
    {
        using var metrics = new OwnMeasurements(OperationsMetrics.MeterName);
        var app = App;
        var deadline = ReminderTestData.DeadlineOn(app, DayOfWeek.Wednesday);
        var roundtable = await ReminderTestData.RoundtableAsync(app, deadline);
        await ReminderTestData.InviteAsync(app, roundtable, "Metrics Chaser", people: 2);
        app.MoveTo(ReminderTestData.NineAm(deadline, 7));

        await metrics.RunAsync(() => RunJobAsync(app, CancellationToken.None));

        Assert.Equal(2, metrics.Sum("roundtable.reminders.outcomes", ("outcome", "sent")));
        var duration = Assert.Single(metrics.Of("roundtable.reminders.sweep.duration"));
        Assert.Equal("completed", duration.Tags["outcome"]);
        Assert.InRange(duration.Value, 0, 600);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await metrics.RunAsync(() => Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunJobAsync(app, cancelled.Token)));
        Assert.Equal("error", metrics.Of("roundtable.reminders.sweep.duration")[^1].Tags["outcome"]);
        Assert.Equal(2, metrics.Sum("roundtable.reminders.outcomes", ("outcome", "sent")));
    }

    [Fact]
    public async Task OutboxAgeGauge_ReadsTheRefreshedValue_NeverTheDatabase()
    {
        var gauge = App.Services.GetRequiredService<OutboxAgeGauge>();
        await App.QueueAsync(EmailTestExtensions.Draft("waiting@supplier.example"));
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await gauge.RefreshAsync(CancellationToken.None);
        Assert.InRange(Observe(gauge), 599, 601);

        // The email leaves the outbox behind the gauge's back: collection still answers from the last reading, so it
        // cannot have queried the database, and the age keeps growing with the clock until the next refresh.
        await App.WithDbAsync(db => db.OutboxMessages.ExecuteDeleteAsync());
        App.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.InRange(Observe(gauge), 604, 606);

        await gauge.RefreshAsync(CancellationToken.None);
        Assert.Equal(0, Observe(gauge));
    }

    private static async Task<ReminderSweepResult> RunJobAsync(TestApp app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await new ReminderSweepJob(scope.ServiceProvider.GetRequiredService<ReminderSweep>()).RunAsync(cancellationToken);
        return default!;
    }

    private static double Observe(OutboxAgeGauge gauge)
    {
        double? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == gauge.Meter && instrument.Name == "roundtable.emails.oldest_unsent_age")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException("The gauge was not observed");
    }

    /// <summary>Measurements of one meter made inside <see cref="RunAsync"/>'s async flow only.</summary>
    private sealed class OwnMeasurements : IDisposable
    {
        private static readonly AsyncLocal<OwnMeasurements?> Current = new();
        private readonly MeterListener _listener = new();
        private readonly List<Measured> _measured = [];

        public OwnMeasurements(string meterName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == meterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public async Task<T> RunAsync<T>(Func<Task<T>> work)
        {
            Current.Value = this;
            try
            {
                return await work();
            }
            finally
            {
                Current.Value = null;
            }
        }

        public List<Measured> Of(string instrument)
        {
            lock (_measured)
            {
                return [.. _measured.Where(m => m.Instrument == instrument)];
            }
        }

        public double Sum(string instrument, (string Key, string Value) tag) =>
            Of(instrument).Where(m => m.Tags.TryGetValue(tag.Key, out var v) && v == tag.Value).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Current.Value != this)
            {
                return;
            }

            var copy = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value?.ToString();
            }

            lock (_measured)
            {
                _measured.Add(new Measured(instrument.Name, value, copy));
            }
        }
    }

    private sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
