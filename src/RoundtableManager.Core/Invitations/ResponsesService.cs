namespace RoundtableManager.Core.Invitations;

public sealed record DelegateView(
    int Id, int InvitationId, int? ContactId, string OrganisationName, string FullName, string Email, string? JobTitle,
    string? AccessNeeds, string? DietaryRequirements, DelegateStatus Status, DateTime QueuedUtc, string TermsVersion, DateTime TermsAgreedUtc, DateTime? AttendedUtc);

/// <summary>One organisation's invitation as the portal and the organisers see it.</summary>
public sealed record AnswerView(
    int InvitationId, int OrganisationId, string OrganisationName, OrganisationType OrganisationType, Roundtable Roundtable,
    InvitationResponse Response, DateTime? RespondedUtc, string? RespondedByName, bool RecordedByOrganiser, string? DeclineReason,
    DateTime CreatedUtc, IReadOnlyList<DelegateView> Delegates)
{
    /// <summary>Accepted with at least one seat; an organisation whose delegates are all waiting counts as waitlisted.</summary>
    public string Category => Response switch
    {
        InvitationResponse.Declined => ResponseCategories.Declined,
        InvitationResponse.Accepted when Delegates.Any(d => d.Status == DelegateStatus.Confirmed) => ResponseCategories.Accepted,
        InvitationResponse.Accepted => ResponseCategories.Waitlisted,
        _ => ResponseCategories.NoReply,
    };
}

public static class ResponseCategories
{
    public const string Accepted = "Accepted";
    public const string Waitlisted = "Waitlisted";
    public const string Declined = "Declined";
    public const string NoReply = "No reply";

    public static readonly IReadOnlyList<string> All = [Accepted, Waitlisted, Declined, NoReply];
}

public sealed record ResponsesSummary(
    Roundtable Roundtable,
    IReadOnlyList<AnswerView> Answers,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<(OrganisationType Type, IReadOnlyDictionary<string, int> Counts)> ByType,
    TimeSpan? MedianTimeToReply,
    int ConfirmedSeats,
    int WaitlistedDelegates,
    int Attended);

public sealed class ResponsesService(AppDbContext db, Audit.IAuditLog audit)
{
    private static readonly Func<AppDbContext, int, int, CancellationToken, Task<PortalInvitationRow?>> PortalInvitationQuery =
        EF.CompileAsyncQuery((AppDbContext db, int organisationId, int invitationId, CancellationToken _) => db.Invitations
            .Where(i => i.Id == invitationId && i.OrganisationId == organisationId && i.RevokedUtc == null)
            .Select(i => new PortalInvitationRow(
                i.Organisation.Name, i.Roundtable.Title, i.Roundtable.Status, i.Roundtable.StartsUtc, i.Roundtable.EndsUtc, i.Roundtable.VenueAddress,
                i.Roundtable.RsvpDeadlineUtc, i.Roundtable.OnlineJoiningDetails, i.Roundtable.Description,
                i.Response, i.RespondedUtc, i.RespondedByName, i.RecordedByOrganiser, i.DeclineReason))
            .FirstOrDefault());

    private static readonly Func<AppDbContext, int, IAsyncEnumerable<PortalDelegateRow>> PortalDelegatesQuery =
        EF.CompileAsyncQuery((AppDbContext db, int invitationId) => db.Delegates
            .Where(d => d.InvitationId == invitationId)
            .OrderBy(d => d.Status).ThenBy(d => d.QueuedUtc).ThenBy(d => d.Id)
            .Select(d => new PortalDelegateRow(d.FullName, d.Email, d.Status)));

    /// <summary>One current invitation of one organisation as its portal page shows it; null if there is none.</summary>
    public async Task<PortalInvitationView?> PortalInvitationAsync(int organisationId, int invitationId, CancellationToken cancellationToken)
    {
        var row = await PortalInvitationQuery(db, organisationId, invitationId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var delegates = new List<PortalDelegateRow>();
        await foreach (var d in PortalDelegatesQuery(db, invitationId).WithCancellation(cancellationToken))
        {
            delegates.Add(d);
        }

        var hasSeat = row.Response == InvitationResponse.Accepted && delegates.Exists(d => d.Status == DelegateStatus.Confirmed);
        return new PortalInvitationView(
            invitationId, row.OrganisationName, row.Title, row.Status,
            new PortalRoundtableDetails(row.StartsUtc, row.EndsUtc, row.VenueAddress, row.RsvpDeadlineUtc, row.OnlineJoiningDetails, row.Description, hasSeat),
            row.Response, row.RespondedUtc, row.RespondedByName, row.RecordedByOrganiser, row.DeclineReason, delegates);
    }

    /// <summary>Current (not revoked) invitations, optionally only one organisation's or only one invitation.</summary>
    public async Task<IReadOnlyList<AnswerView>> AnswersAsync(int? roundtableId, int? organisationId, int? invitationId, CancellationToken cancellationToken)
    {
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => i.RevokedUtc == null
                && (roundtableId == null || i.RoundtableId == roundtableId)
                && (organisationId == null || i.OrganisationId == organisationId)
                && (invitationId == null || i.Id == invitationId))
            .Select(i => new
            {
                i.Id,
                i.OrganisationId,
                OrganisationName = i.Organisation.Name,
                OrganisationType = i.Organisation.Type,
                i.Roundtable,
                i.Response,
                i.RespondedUtc,
                i.RespondedByName,
                i.RecordedByOrganiser,
                i.DeclineReason,
                i.CreatedUtc,
                Delegates = i.Delegates.Select(d => new DelegateView(d.Id, d.InvitationId, d.ContactId, "", d.FullName, d.Email, d.JobTitle,
                    d.AccessNeeds, d.DietaryRequirements, d.Status, d.QueuedUtc, d.TermsVersion, d.TermsAgreedUtc, d.AttendedUtc)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows
            .Select(i => new AnswerView(i.Id, i.OrganisationId, i.OrganisationName, i.OrganisationType, i.Roundtable, i.Response, i.RespondedUtc,
                i.RespondedByName, i.RecordedByOrganiser, i.DeclineReason, i.CreatedUtc,
                i.Delegates.Select(d => d with { OrganisationName = i.OrganisationName }).OrderBy(d => d.Status).ThenBy(d => d.QueuedUtc).ThenBy(d => d.Id).ToList()))
            .OrderBy(i => i.Roundtable.StartsUtc).ThenBy(i => i.OrganisationName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<ResponsesSummary?> SummaryAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);
        if (roundtable is null)
        {
            return null;
        }

        var answers = await AnswersAsync(roundtableId, null, null, cancellationToken);
        var delegates = answers.SelectMany(a => a.Delegates).ToList();
        var medians = await ReplyTimes.MedianDaysAsync(db, "0", "", "i.[RoundtableId] = {0}", [roundtableId], cancellationToken);
        TimeSpan? median = medians.TryGetValue(0, out var days) ? TimeSpan.FromDays(days) : null;
        return new ResponsesSummary(
            roundtable,
            answers.OrderBy(a => a.OrganisationName, StringComparer.OrdinalIgnoreCase).ToList(),
            Count(answers),
            Enum.GetValues<OrganisationType>().Select(t => (t, (IReadOnlyDictionary<string, int>)Count(answers.Where(a => a.OrganisationType == t)))).ToList(),
            median,
            delegates.Count(d => d.Status == DelegateStatus.Confirmed),
            delegates.Count(d => d.Status == DelegateStatus.Waitlisted),
            delegates.Count(d => d.AttendedUtc is not null));
    }

    /// <summary>
    /// Delegates (confirmed first, then the waitlist in order) as CSV; cells a spreadsheet would run are neutralised. As on
    /// the venue list, the needs themselves only with <paramref name="includeNeeds"/> (organisers), each such file audited
    /// with a count; otherwise whether each person has them.
    /// </summary>
    public async Task<byte[]> ExportDelegatesCsvAsync(int roundtableId, bool includeNeeds, CancellationToken cancellationToken)
    {
        var answers = await AnswersAsync(roundtableId, null, null, cancellationToken);
        var delegates = answers.SelectMany(a => a.Delegates)
            .OrderBy(d => d.Status).ThenBy(d => d.Status == DelegateStatus.Confirmed ? d.OrganisationName : "").ThenBy(d => d.QueuedUtc).ThenBy(d => d.Id)
            .ToList();
        static string YesNo(string? text) => string.IsNullOrEmpty(text) ? "No" : "Yes";
        var rows = delegates.Select(d => (IReadOnlyList<string?>)[d.OrganisationName, d.FullName, d.Email, d.JobTitle, d.Status == DelegateStatus.Confirmed ? "Confirmed" : "Waitlisted",
            includeNeeds ? d.AccessNeeds : YesNo(d.AccessNeeds), includeNeeds ? d.DietaryRequirements : YesNo(d.DietaryRequirements),
            d.TermsVersion, Common.UkTime.Format(d.TermsAgreedUtc), d.AttendedUtc is null ? "No" : "Yes"]);
        string[] needsHeaders = includeNeeds ? ["Access needs", "Dietary requirements"] : ["Has access needs", "Has dietary requirements"];
        var csv = SupplierCsv.Write(["Organisation", "Name", "Email", "Job title", "Status", .. needsHeaders, "Terms version", "Terms agreed", "Attended"], rows);
        if (includeNeeds)
        {
            var withNeeds = delegates.Count(d => !string.IsNullOrEmpty(d.AccessNeeds) || !string.IsNullOrEmpty(d.DietaryRequirements));
            audit.Record("Delegates.NeedsDownloaded",
                $"Delegates with access and dietary needs downloaded as CSV for roundtable {roundtableId}: {Common.Plural.Count(withNeeds, "delegate")} with needs",
                "Roundtable", roundtableId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
        }

        return csv;
    }

    private static Dictionary<string, int> Count(IEnumerable<AnswerView> answers)
    {
        var counts = ResponseCategories.All.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            counts[answer.Category]++;
        }

        return counts;
    }
}

internal sealed record PortalInvitationRow(
    string OrganisationName, string Title, RoundtableStatus Status, DateTime StartsUtc, DateTime EndsUtc, string? VenueAddress,
    DateTime RsvpDeadlineUtc, string? OnlineJoiningDetails, string? Description,
    InvitationResponse Response, DateTime? RespondedUtc, string? RespondedByName, bool RecordedByOrganiser, string? DeclineReason);
