using System.Security.Cryptography;

namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// The set-up the journeys share: a roundtable, organisations and their contacts, invitations and answers. A journey that
/// needs only a state (an invitation already accepted) gets rows; one that needs what the service does on the way (the
/// emailed link, the delegates' seats, the record's entries) goes through the same services as the pages.
/// Every journey shares one app, so each passes names made unique with its own suffix.
/// </summary>
public sealed class JourneyData(TestApp app, TestSmtpServer smtp)
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A roundtable open for responses: by default in 30 days at 10:00 UTC for two hours at 70 Whitehall, 40 seats, two
    /// delegates per organisation, replies a week before; <paramref name="change"/> adjusts it before it is saved.
    /// </summary>
    public async Task<Roundtable> RoundtableAsync(string title, DateTime? startsUtc = null, Action<Roundtable>? change = null)
    {
        var now = Now;
        var start = startsUtc ?? now.Date.AddDays(30).AddHours(10);
        var roundtable = new Roundtable
        {
            Title = title,
            StartsUtc = start,
            EndsUtc = start.AddHours(2),
            VenueAddress = "70 Whitehall, London SW1A 2AS",
            Capacity = 40,
            DelegatesPerOrganisation = 2,
            RsvpDeadlineUtc = start.AddDays(-7),
            Status = RoundtableStatus.OpenForResponses,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        change?.Invoke(roundtable);
        await app.WithDbAsync(async db =>
        {
            db.Roundtables.Add(roundtable);
            await db.SaveChangesAsync();
        });
        return roundtable;
    }

    /// <summary>Contacts of an organisation, saved together (whether each is its primary contact is the journey's choice).</summary>
    public Task<Contact[]> ContactsAsync(Organisation organisation, params (string Name, string Email, bool Primary)[] people) =>
        SaveContactsAsync(organisation, people, change: null);

    /// <summary>One contact, the organisation's primary one unless told otherwise; <paramref name="change"/> fills in more.</summary>
    public async Task<Contact> ContactAsync(Organisation organisation, string name, string email, bool primary = true, Action<Contact>? change = null) =>
        (await SaveContactsAsync(organisation, [(name, email, primary)], change))[0];

    private async Task<Contact[]> SaveContactsAsync(Organisation organisation, (string Name, string Email, bool Primary)[] people, Action<Contact>? change)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var now = Now;
        var contacts = people.Select(p => new Contact
        {
            OrganisationId = organisation.Id,
            FullName = p.Name,
            Email = p.Email,
            NormalisedEmail = Contact.Normalise(p.Email),
            IsPrimary = p.Primary,
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToArray();
        foreach (var contact in contacts)
        {
            change?.Invoke(contact);
        }

        await app.WithDbAsync(async db =>
        {
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync();
        });
        return contacts;
    }

    /// <summary>
    /// An invitation as rows, already in the state the journey starts from (no email is queued; its token is random and
    /// known to nobody, so its link cannot be opened): for journeys about what comes after the invitation.
    /// </summary>
    public async Task<Invitation> InvitationAsync(Roundtable roundtable, Contact contact, InvitationResponse response = InvitationResponse.None, Action<Invitation>? change = null)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        ArgumentNullException.ThrowIfNull(contact);
        var now = Now;
        var invitation = new Invitation
        {
            RoundtableId = roundtable.Id,
            OrganisationId = contact.OrganisationId,
            Response = response,
            RespondedUtc = response == InvitationResponse.None ? null : now,
            CreatedUtc = now,
        };
        invitation.Recipients.Add(new InvitationRecipient
        {
            ContactId = contact.Id,
            Email = contact.Email,
            Name = contact.FullName,
            TokenHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            TokenIssuedUtc = now,
            CreatedUtc = now,
        });
        change?.Invoke(invitation);
        await app.WithDbAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });
        return invitation;
    }

    /// <summary>Invites the contacts' organisations as the invite wizard does (one invitation each, an email per person, queued).</summary>
    public async Task InviteAsync(Roundtable roundtable, params Contact[] contacts)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InvitationService>()
            .SendInvitationsAsync(roundtable.Id, [.. contacts.Select(c => c.Id)], CancellationToken.None);
    }

    /// <summary>An organiser records an organisation's acceptance with one delegate, through the same service as the portal.</summary>
    public async Task AcceptAsync(Roundtable roundtable, Contact contact, string delegateEmail)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        ArgumentNullException.ThrowIfNull(contact);
        var invitationId = await app.WithDbAsync(db => db.Invitations
            .Where(i => i.RoundtableId == roundtable.Id && i.OrganisationId == contact.OrganisationId).Select(i => i.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var answer = new RsvpAnswer(InvitationResponse.Accepted, null, [new DelegateInput(null, contact.FullName, delegateEmail, null, null, null)]);
        await scope.ServiceProvider.GetRequiredService<RsvpService>()
            .AnswerAsync(invitationId, contact.OrganisationId, answer, new Responder(null, "Organiser", null, IsOrganiser: true), CancellationToken.None);
    }

    /// <summary>The sender runs once, as Hangfire would: queued emails go to the test SMTP server.</summary>
    public async Task SendQueuedEmailAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>
    /// Sends what is queued and returns the path of the link (matched by <paramref name="link"/>) in the latest email the
    /// SMTP server received for <paramref name="email"/>, as the person's mail program would show it.
    /// </summary>
    public async Task<string> LinkEmailedToAsync(string email, Regex link)
    {
        ArgumentNullException.ThrowIfNull(link);
        await SendQueuedEmailAsync();
        var received = (await smtp.WaitForMessagesAsync(Math.Max(1, smtp.Messages.Count), TimeSpan.FromSeconds(30)))
            .Last(m => m.EnvelopeTo.Contains(email, StringComparer.OrdinalIgnoreCase));
        return new Uri(link.Match(received.Message.TextBody ?? "").Value).AbsolutePath;
    }
}
