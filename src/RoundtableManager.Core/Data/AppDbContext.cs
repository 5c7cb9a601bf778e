using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RoundtableManager.Core.Controls;

namespace RoundtableManager.Core.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection keys, shared by every instance so cookies and tokens work whichever serves a request.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Contact> Contacts => Set<Contact>();

    /// <summary>The directory search's words (issue #22: search by word prefix with an index).</summary>
    public DbSet<OrganisationSearchTerm> OrganisationSearchTerms => Set<OrganisationSearchTerm>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    /// <summary>Each upload's text, apart from its batch's row (<see cref="ImportBatchFile"/>).</summary>
    public DbSet<ImportBatchFile> ImportBatchFiles => Set<ImportBatchFile>();

    public DbSet<Engagement.Tag> Tags => Set<Engagement.Tag>();

    public DbSet<Engagement.OrganisationTag> OrganisationTags => Set<Engagement.OrganisationTag>();

    // Engagement: the organisation record (logged interactions) and messages to a roundtable's attendees.
    public DbSet<Engagement.Interaction> Interactions => Set<Engagement.Interaction>();

    public DbSet<Engagement.RoundtableMessage> RoundtableMessages => Set<Engagement.RoundtableMessage>();

    public DbSet<Engagement.RoundtableMessageRecipient> RoundtableMessageRecipients => Set<Engagement.RoundtableMessageRecipient>();

    public DbSet<Roundtable> Roundtables => Set<Roundtable>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();

    // Outbox sender heartbeats (crash recovery, issue #22).
    public DbSet<OutboxSenderInstance> OutboxSenders => Set<OutboxSenderInstance>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<InvitationRecipient> InvitationRecipients => Set<InvitationRecipient>();

    public DbSet<CalendarEntry> CalendarEntries => Set<CalendarEntry>();

    public DbSet<InviteSelection> InviteSelections => Set<InviteSelection>();

    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();

    public DbSet<ReminderSetting> ReminderSettings => Set<ReminderSetting>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<AgendaPublication> AgendaPublications => Set<AgendaPublication>();

    public DbSet<Reference> References => Set<Reference>();

    public DbSet<MinutesRevision> MinutesRevisions => Set<MinutesRevision>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<DelegateEntry> Delegates => Set<DelegateEntry>();

    public DbSet<Actions.FollowUpAction> FollowUpActions => Set<Actions.FollowUpAction>();

    public DbSet<Actions.ActionHistoryEntry> ActionHistory => Set<Actions.ActionHistoryEntry>();

    public DbSet<Actions.ActionEvidence> ActionEvidence => Set<Actions.ActionEvidence>();

    // Supplier security controls (issue #20)
    public DbSet<ControlSet> ControlSets => Set<ControlSet>();

    public DbSet<Control> Controls => Set<Control>();

    public DbSet<ControlAdoption> ControlAdoptions => Set<ControlAdoption>();

    public DbSet<ControlAnswer> ControlAnswers => Set<ControlAnswer>();

    public DbSet<ControlAnswerEntry> ControlAnswerHistory => Set<ControlAnswerEntry>();

    public DbSet<ControlEvidence> ControlEvidence => Set<ControlEvidence>();

    public DbSet<ActionControl> ActionControls => Set<ActionControl>();

    public DbSet<Security.RateLimitCounter> RateLimitCounters => Set<Security.RateLimitCounter>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<UnknownAccountSignIn> UnknownAccountSignIns => Set<UnknownAccountSignIn>();

    // Feedback after a roundtable (issue #19, item 5).
    public DbSet<Feedback.FeedbackRequest> FeedbackRequests => Set<Feedback.FeedbackRequest>();

    // The programme report's per-roundtable reply summaries, kept up to date by the writes (issue #22 item 3).
    public DbSet<Engagement.Reports.ReplySummary> ReplySummaries => Set<Engagement.Reports.ReplySummary>();

    public DbSet<Engagement.Reports.ReportSummaryRefresh> ReportSummaryRefreshes => Set<Engagement.Reports.ReportSummaryRefresh>();

    // The same summed per UK month, so a long period reads a row per month and group (issue #22 item 3, session 9).
    public DbSet<Engagement.Reports.ReplyMonthSummary> ReplyMonthSummaries => Set<Engagement.Reports.ReplyMonthSummary>();

    // The follow-up actions opened per UK month, counted by agenda item, owner, status and due date (issue #22 item 3, session 10).
    public DbSet<Engagement.Reports.ActionMonthCount> ActionMonthCounts => Set<Engagement.Reports.ActionMonthCount>();

    /// <summary>The directory's counts by type, kept as it changes (issue #22 item 3).</summary>
    public DbSet<DirectoryCount> DirectoryCounts => Set<DirectoryCount>();

    /// <summary>The action register's counts by status and due date, kept as actions change (issue #22 item 3, session 8).</summary>
    public DbSet<Actions.ActionDueCount> ActionDueCounts => Set<Actions.ActionDueCount>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.IsSqlServer())
        {
            builder.Entity<OrganisationSearchTerm>().Property(t => t.Term).UseCollation(OrganisationSearchTerm.SqlServerCollation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every DateTime is stored as UTC; providers hand them back as Unspecified, so mark them on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    // Internal, not private: the compiled models (src/RoundtableManager.CompiledModels.*, which see Core's internals) create them.
    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    internal sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v.Value : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
