using System.Linq.Expressions;

namespace RoundtableManager.Core.Privacy;

/// <summary>
/// The retention rules, in one place (the privacy notice, README and SECURITY.md describe these):
/// <list type="number">
/// <item>The period is Retention:MonthsAfterHeld months (default 12) after a roundtable ends (its planned end; cancelled
/// roundtables count the same way).</item>
/// <item>Delegates of a roundtable that ended before the period lose their access needs and dietary requirements. The
/// row stays (organisation, status, attendance) and is marked with the date the needs were erased.</item>
/// <item>A supplier contact is anonymised once nothing still needs it: see <see cref="StillNeeded"/> (this includes
/// owning a follow-up action that is not done or cancelled, or was closed within the period).</item>
/// <item>Anonymised means: name <see cref="ErasedName"/>, a unique address at <see cref="ErasedDomain"/> (never
/// routable), no job title or phone. The row is kept so counts and history add up. The contact's invitation recipients
/// and delegate entries are anonymised with it (their links revoked), and the email log's copies of the address,
/// name and message bodies are removed.</item>
/// <item>The audit log is append-only and kept; privacy events name people by internal id, never by email.</item>
/// </list>
/// </summary>
public static class RetentionRules
{
    public const string ErasedName = "Erased contact";

    public const string ErasedDomain = "erased.invalid";

    public const string ErasedEmailBody = "This email was removed when the recipient's personal data was erased.";

    /// <summary>A unique address that can never be delivered (RFC 2606 reserves .invalid).</summary>
    public static string ErasedEmail(string prefix, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"erased-{prefix}{id}@{ErasedDomain}");

    /// <summary>Roundtables that ended before this time are past the retention period.</summary>
    public static DateTime CutoffUtc(DateTime nowUtc, int monthsAfterHeld) => nowUtc.AddMonths(-monthsAfterHeld);

    /// <summary>
    /// A contact is still needed while any of these holds. Something new a contact can own (a follow-up action, for
    /// example) adds one clause here.
    /// </summary>
    public static Expression<Func<Contact, bool>> StillNeeded(AppDbContext db, DateTime cutoffUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        return c =>
            // Added or changed within the period.
            c.UpdatedUtc >= cutoffUtc
            // Invited to a roundtable that has not ended, or ended within the period.
            || db.InvitationRecipients.Any(r => r.ContactId == c.Id && r.Invitation.Roundtable.EndsUtc >= cutoffUtc)
            // Named as a delegate for such a roundtable.
            || db.Delegates.Any(d => (d.ContactId == c.Id || d.NormalisedEmail == c.NormalisedEmail) && d.Invitation.Roundtable.EndsUtc >= cutoffUtc)
            // Owns a follow-up action that is still open, or was closed within the period.
            || db.FollowUpActions.Any(a => a.OwnerContactId == c.Id
                && ((a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled) || a.ClosedUtc == null || a.ClosedUtc >= cutoffUtc))
            // Has an account: accounts are managed (and removed) under Users, not by retention.
            || db.Users.Any(u => u.NormalizedEmail == c.NormalisedEmail);
    }

    /// <summary>Contacts not yet anonymised that nothing still needs.</summary>
    public static IQueryable<Contact> NoLongerNeeded(AppDbContext db, DateTime cutoffUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var needed = StillNeeded(db, cutoffUtc);
        var notNeeded = Expression.Lambda<Func<Contact, bool>>(Expression.Not(needed.Body), needed.Parameters);
        return db.Contacts.Where(c => c.ErasedUtc == null).Where(notNeeded);
    }
}
