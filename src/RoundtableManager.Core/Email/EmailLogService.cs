using System.Text.RegularExpressions;

namespace RoundtableManager.Core.Email;

public sealed record EmailLogFilter(int? RoundtableId = null, string? Kind = null, OutboxStatus? Status = null);

public sealed record EmailLogRow(
    long Id, string Kind, string ToAddress, string? ToName, string Subject, int? RoundtableId, string? RoundtableTitle,
    OutboxStatus Status, int Attempts, string? LastError, DateTime CreatedUtc, DateTime? SentUtc);

/// <param name="TotalIsCapped">More emails match than <see cref="EmailLogService.CountCap"/>: Total is the cap, and the page says "more than".</param>
public sealed record EmailLogPage(IReadOnlyList<EmailLogRow> Rows, int Page, int PageCount, int Total, bool TotalIsCapped = false);

public sealed record EmailAttemptView(DateTime AttemptedUtc, OutboxAttemptOutcome Outcome, string Reply);

/// <param name="HadPersonalLink">The email carried a personal link; once it failed, the link is gone and it cannot be sent again.</param>
public sealed record EmailLogMessage(EmailLogRow Summary, DateTime NextAttemptUtc, string? CalendarMethod, string TextBody, bool HadPersonalLink,
    IReadOnlyList<EmailAttemptView> AttemptLog);

public sealed record EmailLogChoices(IReadOnlyList<(int Id, string Title)> Roundtables, IReadOnlyList<string> Kinds);

/// <summary>Per-roundtable sending progress, for the roundtable page while invitations go out.</summary>
public sealed record EmailProgress(int Queued, int Sending, int Sent, int Failed)
{
    public int Total => Queued + Sending + Sent + Failed;
}

/// <summary>The organiser's view of the outbox: list, read, retry, and progress counts.</summary>
public sealed partial class EmailLogService(AppDbContext db, TimeProvider time, IOutboxTrigger trigger)
{
    public const int PageSize = 50;

    /// <summary>The log counts matching emails up to this many and says "more than" beyond it, so a page costs the same at any size of outbox.</summary>
    public const int CountCap = 10_000;

    public async Task<EmailLogPage> ListAsync(EmailLogFilter filter, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.OutboxMessages.AsNoTracking();
        if (filter.RoundtableId is { } roundtableId)
        {
            query = query.Where(m => m.RoundtableId == roundtableId);
        }

        if (!string.IsNullOrEmpty(filter.Kind))
        {
            query = query.Where(m => m.Kind == filter.Kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        var counted = await query.OrderByDescending(m => m.Id).CountUpToAsync(CountCap + 1, cancellationToken);
        var capped = counted > CountCap;
        var total = Math.Min(counted, CountCap);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Project(query.OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize))
            .ToListAsync(cancellationToken);
        return new EmailLogPage(rows, page, pageCount, total, capped);
    }

    /// <summary>
    /// How many roundtables the filter offers: the newest made that have emails. A programme holds thousands, which no one
    /// picks from a list and which would make the log cost more as the programme grows; an older roundtable's emails are
    /// reached from its own page, and the one chosen is always offered.
    /// </summary>
    public const int RoundtableChoices = 50;

    public async Task<EmailLogChoices> GetChoicesAsync(int? chosenRoundtableId, CancellationToken cancellationToken)
    {
        var roundtables = await db.Roundtables.AsNoTracking()
            .Where(r => db.OutboxMessages.Any(m => m.RoundtableId == r.Id))
            .OrderByDescending(r => r.Id)
            .Take(RoundtableChoices)
            .Select(r => new { r.Id, r.Title })
            .ToListAsync(cancellationToken);
        if (chosenRoundtableId is { } chosen && roundtables.TrueForAll(r => r.Id != chosen))
        {
            roundtables.AddRange(await db.Roundtables.AsNoTracking().Where(r => r.Id == chosen).Select(r => new { r.Id, r.Title }).ToListAsync(cancellationToken));
        }

        roundtables.Sort((a, b) => string.CompareOrdinal(a.Title, b.Title) is var byTitle and not 0 ? byTitle : a.Id.CompareTo(b.Id));
        // The distinct kinds by skipping through the Kind index (one seek per kind) rather than a DISTINCT over the whole outbox.
        var kinds = await DistinctValues.ListAsync(db.OutboxMessages.AsNoTracking().Select(m => m.Kind), cancellationToken);

        return new EmailLogChoices(roundtables.Select(r => (r.Id, r.Title)).ToList(), kinds);
    }

    /// <summary>One message as the organiser may read it: plain text only, with personal link secrets hidden.</summary>
    public async Task<EmailLogMessage?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var summary = await Project(db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (summary is null)
        {
            return null;
        }

        var detail = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.NextAttemptUtc, m.CalendarMethod, m.CalendarContent, m.TextBody })
            .SingleAsync(cancellationToken);
        var attempts = await db.OutboxAttempts.AsNoTracking().Where(a => a.OutboxMessageId == id).OrderBy(a => a.Id)
            .Select(a => new EmailAttemptView(a.AttemptedUtc, a.Outcome, a.Reply))
            .ToListAsync(cancellationToken);
        return new EmailLogMessage(summary, detail.NextAttemptUtc, detail.CalendarContent is null ? null : detail.CalendarMethod ?? "REQUEST",
            HideLinkSecrets(WithheldLinks.Hide(detail.TextBody)), WithheldLinks.HadPersonalLink(detail.TextBody), attempts);
    }

    private const string OnlyFailed = "Only an email that failed can be sent again";

    /// <summary>
    /// Puts a failed message back in the queue to go now. Its attempts are kept. An email whose personal link was
    /// wiped when it failed is refused: sent again it would carry no working link (send a new link instead).
    /// </summary>
    public async Task<CommandResult> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var body = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .Select(m => m.TextBody).SingleOrDefaultAsync(cancellationToken);
        if (body is null)
        {
            return CommandResult.NotAllowed(OnlyFailed);
        }

        if (WithheldLinks.HadPersonalLink(body))
        {
            return CommandResult.NotAllowed("Its personal link was removed when it failed, so it cannot be sent again: send a new link instead");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, OutboxStatus.Queued)
                    .SetProperty(m => m.NextAttemptUtc, now)
                    .SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null),
                cancellationToken);
        if (changed == 1)
        {
            trigger.RunSoon();
        }

        return changed == 1 ? CommandResult.Done() : CommandResult.NotAllowed(OnlyFailed);
    }

    public async Task<EmailProgress> GetProgressAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var counts = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.RoundtableId == roundtableId)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(OutboxStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        return new EmailProgress(Count(OutboxStatus.Queued), Count(OutboxStatus.Sending), Count(OutboxStatus.Sent), Count(OutboxStatus.Failed));
    }

    /// <summary>
    /// Invitation links carry personal secrets; an organiser reading the log must not be able to use them.
    /// Query strings and fragments go, and so does any long path segment that is not plain words.
    /// </summary>
    public static string HideLinkSecrets(string text) =>
        Url().Replace(text ?? "", match =>
        {
            if (!Uri.TryCreate(match.Value, UriKind.Absolute, out var uri))
            {
                return "[link hidden]";
            }

            var path = string.Join('/', uri.AbsolutePath.Split('/').Select(s => s.Length >= 16 && !PlainWords().IsMatch(s) ? "[hidden]" : s));
            return uri.GetLeftPart(UriPartial.Authority) + path + (uri.Query.Length > 0 || uri.Fragment.Length > 0 ? "?[hidden]" : "");
        });

    private IQueryable<EmailLogRow> Project(IQueryable<OutboxMessage> query) =>
        query.Select(m => new EmailLogRow(
            m.Id, m.Kind, m.ToAddress, m.ToName, m.Subject, m.RoundtableId,
            db.Roundtables.Where(r => r.Id == m.RoundtableId).Select(r => r.Title).FirstOrDefault(),
            m.Status, m.Attempts, m.LastError, m.CreatedUtc, m.SentUtc));

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex("^[a-z-]+$")]
    private static partial Regex PlainWords();
}
