using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace RoundtableManager.Web.Feedback;

/// <summary>
/// Development demo data (issue #19): a roundtable three weeks ago that was held, with delegates checked in and feedback
/// answered, and the demo's upcoming roundtable as its follow-up, so the report, the organisations' records, the
/// feedback results and the series have something to show on first run. The past invitations and check-ins are written
/// as they stand (the services refuse replies after a deadline, rightly); marking it held and the answers go through
/// the feedback services, so the feedback emails are in the email log like any others.
/// </summary>
public sealed class FeedbackDemoData(AppDbContext db, FeedbackService feedback, FeedbackLinks links, TimeProvider time)
{
    public async Task SeedAsync(Roundtable upcoming, IReadOnlyList<Organisation> organisations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upcoming);
        ArgumentNullException.ThrowIfNull(organisations);
        var now = time.GetUtcNow().UtcDateTime;
        var ukToday = UkTime.ToUk(now).Date;
        var start = UkTime.ToUtc(ukToday.AddDays(-21).AddHours(10));
        var sent = start.AddDays(-35);
        var held = new Roundtable
        {
            Title = "Managed service providers: what the APT10 campaign showed",
            Description = "The first roundtable of the programme: the threat briefing and where suppliers' controls stand today.",
            StartsUtc = start,
            EndsUtc = start.AddHours(2),
            VenueAddress = "70 Whitehall, London SW1A 2AS",
            Capacity = 30,
            DelegatesPerOrganisation = 2,
            RsvpDeadlineUtc = start.AddDays(-7),
            Status = RoundtableStatus.OpenForResponses,
            CreatedUtc = sent.AddDays(-3),
            UpdatedUtc = sent,
        };
        db.Roundtables.Add(held);
        await db.SaveChangesAsync(cancellationToken);

        // Northgate came with two people and Castell with one, all checked in; Harbour never replied.
        var replies = new (int Organisation, int ReplyAfterDays, int Delegates)[] { (0, 2, 2), (1, 5, 1), (2, 0, 0) };
        foreach (var (index, replyAfterDays, delegates) in replies)
        {
            var organisation = organisations[index];
            var replied = delegates > 0 ? sent.AddDays(replyAfterDays) : (DateTime?)null;
            var invitation = new Invitation
            {
                RoundtableId = held.Id,
                OrganisationId = organisation.Id,
                CreatedUtc = sent,
                Response = replied is null ? InvitationResponse.None : InvitationResponse.Accepted,
                RespondedUtc = replied,
                FirstRespondedUtc = replied,
                RespondedByName = replied is null ? null : organisation.Contacts.First(c => c.IsPrimary).FullName,
            };
            invitation.Recipients.AddRange(organisation.Contacts.Where(c => c.IsPrimary).Select(c => new InvitationRecipient
            {
                ContactId = c.Id, Email = c.Email, Name = c.FullName, TokenHash = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), TokenIssuedUtc = sent, CreatedUtc = sent,
            }));
            invitation.Delegates.AddRange(organisation.Contacts.OrderByDescending(c => c.IsPrimary).Take(delegates).Select(c => new DelegateEntry
            {
                RoundtableId = held.Id, ContactId = c.Id, FullName = c.FullName, Email = c.Email, NormalisedEmail = c.NormalisedEmail, JobTitle = c.JobTitle,
                Status = DelegateStatus.Confirmed, QueuedUtc = replied!.Value, TermsVersion = AttendanceTerms.Version, TermsAgreedUtc = replied.Value,
                CreatedUtc = replied.Value, AttendedUtc = start.AddMinutes(-10),
            }));
            db.Invitations.Add(invitation);
        }

        await db.SaveChangesAsync(cancellationToken);

        // The upcoming roundtable was loaded by the seeder and may not be tracked here: link the series in the database.
        await db.Roundtables.Where(r => r.Id == upcoming.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PreviousRoundtableId, held.Id), cancellationToken);

        Require((await feedback.MarkHeldAsync(held.Id, DateOnly.FromDateTime(ukToday.AddDays(10)), cancellationToken)).Status == CommandStatus.Done, "marking it held");
        var requests = await db.FeedbackRequests.AsNoTracking().Where(f => f.RoundtableId == held.Id).OrderBy(f => f.DelegateId)
            .Select(f => f.TokenHash).ToListAsync(cancellationToken);
        var answers = new FeedbackAnswer[]
        {
            new(5, "More time for questions to the NCSC.", "Privileged access management across several clients"),
            new(4, null, "Contract clauses for incident reporting"),
        };
        foreach (var (hash, answer) in requests.Zip(answers))
        {
            Require((await links.AnswerAsync(hash, answer, cancellationToken)).Succeeded, "the feedback answers");
        }
    }

    private static void Require(bool done, string what)
    {
        if (!done)
        {
            throw new InvalidOperationException($"Could not seed the demo's held roundtable: {what}");
        }
    }
}
