using Microsoft.EntityFrameworkCore;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Development only: fills an empty database with something to look at, and prints the demo accounts with
/// passwords generated now, once, to the console. No password is in the repository or the log. The roundtable is
/// under way as every role would find it: suppliers invited (the demo supplier has accepted and named a delegate),
/// a published agenda, a topic proposed, follow-up actions. It goes through the same services as the pages, so the
/// demo's emails are in the email log (and in App_Data/mail) like any others.
/// </summary>
public sealed class DemoDataSeeder(
    AppDbContext db,
    AccountService accounts,
    InvitationService invitations,
    RsvpService rsvp,
    AgendaService agenda,
    ProposalService proposals,
    TimeProvider time,
    OperatorConsole console,
    Engagement.Record.InteractionDemoData interactionDemo,
    Controls.ControlsDemoData controls,
    Feedback.FeedbackDemoData feedbackDemo)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organisations = new[]
        {
            Organisation("Northgate Managed Services Ltd", OrganisationType.ManagedServiceProvider, "04567821", now,
                ("Priya Shah", "priya.shah@northgate-managed.example", "Chief Information Security Officer", true),
                ("Tom Hughes", "tom.hughes@northgate-managed.example", "Head of Public Sector", false)),
            Organisation("Castell Integration plc", OrganisationType.SystemsIntegrator, "SC123456", now,
                ("Rhian Llewelyn", "rhian.llewelyn@castell-integration.example", "Director of Security", true)),
            Organisation("Harbour Digital Services", OrganisationType.Other, null, now,
                ("Wei Zhang", "wei.zhang@harbour-digital.example", "Security Architect", true),
                ("Aoife Byrne", "aoife.byrne@harbour-digital.example", "Account Director", false)),
        };
        db.Organisations.AddRange(organisations);

        var ukToday = UkTime.ToUk(now).Date;
        var start = UkTime.ToUtc(ukToday.AddDays(42).AddHours(10));
        var roundtable = new Roundtable
        {
            Title = "Managed service providers: contracting and security controls",
            Description = "Senior representatives of suppliers to government and the NCSC agree the step change needed in contracting and security controls after the APT10 campaign.",
            StartsUtc = start,
            EndsUtc = start.AddHours(2.5),
            VenueAddress = "70 Whitehall, London SW1A 2AS",
            Capacity = 40,
            DelegatesPerOrganisation = 2,
            RsvpDeadlineUtc = UkTime.ToUtc(ukToday.AddDays(28).AddHours(17)),
            Status = RoundtableStatus.OpenForResponses,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Roundtables.Add(roundtable);
        await db.SaveChangesAsync(cancellationToken);
        await SeedTagsAsync(organisations, now, cancellationToken);

        var demoAccounts = new (string Email, string Name, string Role, int? OrganisationId)[]
        {
            ("organiser@example.gov.uk", "Olivia Organiser", Roles.Organiser, null),
            ("staff@example.gov.uk", "Sam Staff", Roles.Staff, null),
            ("priya.shah@northgate-managed.example", "Priya Shah", Roles.Supplier, organisations[0].Id),
        };
        var output = console.Out;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Demo accounts (these passwords are shown once and not stored anywhere in plain text):");
        foreach (var (email, name, role, organisationId) in demoAccounts)
        {
            var password = PasswordGenerator.Generate();
            var result = await accounts.CreateAsync(email, name, role, organisationId, password, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            }

            await output.WriteLineAsync($"  {role,-10} {email,-40} {password}");
        }

        await output.WriteLineAsync();
        var items = await SeedRoundtableUnderWayAsync(roundtable, organisations, cancellationToken);
        await SeedActionsAsync(roundtable, organisations, items, now, cancellationToken);
        await interactionDemo.SeedAsync(organisations, cancellationToken);
        await controls.SeedAsync(roundtable, organisations, cancellationToken);
        await feedbackDemo.SeedAsync(roundtable, organisations, cancellationToken);
    }

    /// <summary>
    /// Northgate (the demo supplier's organisation) and Castell invited; Northgate accepted with Priya Shah as its
    /// delegate and proposed a topic; the agenda published (one item marked TLP:RED, which suppliers see by title only).
    /// Harbour is left uninvited, for trying the invitation pages. Returns the agenda items.
    /// </summary>
    private async Task<IReadOnlyList<int>> SeedRoundtableUnderWayAsync(Roundtable roundtable, Organisation[] organisations, CancellationToken cancellationToken)
    {
        var invited = organisations.Take(2).SelectMany(o => o.Contacts).Select(c => c.Id).ToList();
        Require((await invitations.SendInvitationsAsync(roundtable.Id, invited, cancellationToken)).Status == CommandStatus.Done, "invitations");
        var northgate = organisations[0];
        var priya = northgate.Contacts.Single(c => c.IsPrimary);
        var priyaAccount = await db.Users.SingleAsync(u => u.Email == priya.Email, cancellationToken);
        var invitationId = await db.Invitations.Where(i => i.RoundtableId == roundtable.Id && i.OrganisationId == northgate.Id).Select(i => i.Id).SingleAsync(cancellationToken);
        var answer = new RsvpAnswer(InvitationResponse.Accepted, null, [new DelegateInput(priya.Id, priya.FullName, priya.Email, priya.JobTitle, null, "Vegetarian")]);
        var answered = await rsvp.AnswerAsync(invitationId, northgate.Id, answer, new Responder(priyaAccount.Id, priya.FullName, priya.Email, IsOrganiser: false), cancellationToken);
        Require(answered.Status == CommandStatus.Done, "the demo supplier's reply");

        var items = new List<int>();
        foreach (var (kind, title, description, category, minutes, marking) in new[]
        {
            (AgendaItemKind.Item, "Welcome and what the APT10 campaign showed", "Why managed service providers are a route into government networks.", AgendaCategory.ThreatBriefing, 20, TlpMarking.Amber),
            (AgendaItemKind.Item, "Privileged access to client networks", "What suppliers already do, and the controls the NCSC expects.", AgendaCategory.SecurityControls, 45, TlpMarking.Green),
            (AgendaItemKind.Break, "Break", null, AgendaCategory.Other, 15, TlpMarking.Clear),
            (AgendaItemKind.Item, "Incidents seen this year", "Details shared in the room only.", AgendaCategory.ThreatBriefing, 30, TlpMarking.Red),
            (AgendaItemKind.Item, "Contract security schedule: the step change", "The clauses every new contract should carry.", AgendaCategory.Contracting, 40, TlpMarking.Amber),
        })
        {
            var details = new AgendaItemDetails(kind, title, description, category, null, null, null, minutes, marking, null, []);
            var added = await agenda.AddItemAsync(roundtable.Id, details, cancellationToken);
            Require(added.Status == CommandStatus.Done, "the agenda");
            items.Add(added.Value);
        }

        Require((await agenda.PublishAsync(roundtable.Id, "Olivia Organiser", cancellationToken)).Status == CommandStatus.Done, "publishing the agenda");
        var proposed = await proposals.SubmitAsync(roundtable.Id, northgate.Id, (priyaAccount.Id, priya.FullName), AgendaCategory.Contracting,
            "How should liability for a supplier's breach be shared when the client's own controls also failed?", showWhoAsked: true, cancellationToken);
        Require(proposed.Status == CommandStatus.Done, "the proposed topic");
        return items;
    }

    /// <summary>Segments (issue #19): Northgate and Castell are strategic suppliers, Northgate also CNI; Harbour is in the health sector.</summary>
    private async Task SeedTagsAsync(Organisation[] organisations, DateTime now, CancellationToken cancellationToken)
    {
        var tags = new (string Name, string Description, int[] Organisations)[]
        {
            ("Strategic supplier", "Suppliers the programme works with most closely", [0, 1]),
            ("CNI", "Supports critical national infrastructure", [0]),
            ("Health sector", "Supplies the NHS and health bodies", [2]),
        };
        foreach (var (name, description, carriers) in tags)
        {
            var tag = new Core.Engagement.Tag { Name = name, NormalisedName = Core.Engagement.Tag.Normalise(name), Description = description, CreatedUtc = now, UpdatedUtc = now };
            db.Tags.Add(tag);
            await db.SaveChangesAsync(cancellationToken);
            db.OrganisationTags.AddRange(carriers.Select(i => new Core.Engagement.OrganisationTag { OrganisationId = organisations[i].Id, TagId = tag.Id, AddedUtc = now }));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Require(bool done, string what)
    {
        if (!done)
        {
            throw new InvalidOperationException($"Could not seed the demo's {what}");
        }
    }

    /// <summary>A few follow-up actions, so the register, the portal and the reminders have something to show.</summary>
    private async Task SeedActionsAsync(Roundtable roundtable, Organisation[] organisations, IReadOnlyList<int> items, DateTime now, CancellationToken cancellationToken)
    {
        // The services above share this context and may have let go of what it tracked: the actions name rows by id.
        db.ChangeTracker.Clear();
        var users = await db.Users.ToDictionaryAsync(u => u.NormalizedEmail!, cancellationToken);
        var organiser = users["ORGANISER@EXAMPLE.GOV.UK"];
        var sam = users["STAFF@EXAMPLE.GOV.UK"];
        var priya = users["PRIYA.SHAH@NORTHGATE-MANAGED.EXAMPLE"];
        var today = DateOnly.FromDateTime(UkTime.ToUk(now));
        var fromAgenda = DemoAction(roundtable, "Share the incident response contacts for government contracts", now, today.AddDays(10), ActionStatus.InProgress, organiser,
            organisation: organisations[0]);
        fromAgenda.AgendaItemId = items[1];
        db.FollowUpActions.AddRange(
            fromAgenda,
            DemoAction(roundtable, "Circulate the draft contract security schedule", now, today.AddDays(-3), ActionStatus.Open, organiser, ownerUser: sam),
            DemoAction(roundtable, "Confirm the privileged access review is complete", now, today.AddDays(5), ActionStatus.AwaitingConfirmation, sam,
                organisation: organisations[0], changedBy: priya),
            DemoAction(roundtable, "Book the briefing room for the follow-up session", now, today.AddDays(-7), ActionStatus.Done, sam, ownerUser: sam));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static FollowUpAction DemoAction(Roundtable roundtable, string title, DateTime now, DateOnly due, ActionStatus status, ApplicationUser lead,
        ApplicationUser? ownerUser = null, Organisation? organisation = null, ApplicationUser? changedBy = null)
    {
        var action = new FollowUpAction
        {
            RoundtableId = roundtable.Id,
            Title = title,
            Description = "Agreed when planning the roundtable.",
            OwnerKind = organisation is null ? ActionOwnerKind.Staff : ActionOwnerKind.Organisation,
            OwnerUserId = ownerUser?.Id,
            OwnerOrganisationId = organisation?.Id,
            OwnerContactId = organisation?.Contacts.First(c => c.IsPrimary).Id,
            StaffLeadUserId = lead.Id,
            DueDate = due,
            Status = status,
            CreatedUtc = now,
            UpdatedUtc = now,
            ClosedUtc = status.IsActive() ? null : now,
        };
        action.History.Add(new ActionHistoryEntry { AtUtc = now, ActorUserId = lead.Id, ActorName = lead.DisplayName, Kind = ActionHistoryKind.Created, ToValue = ActionStatus.Open.DisplayName() });
        if (status != ActionStatus.Open)
        {
            var actor = changedBy ?? lead;
            action.History.Add(new ActionHistoryEntry
            {
                AtUtc = now, ActorUserId = actor.Id, ActorName = actor.DisplayName, ActorOrganisationId = actor.OrganisationId, Kind = ActionHistoryKind.StatusChanged,
                FromValue = ActionStatus.Open.DisplayName(), ToValue = status.DisplayName(),
            });
        }

        return action;
    }

    private static Organisation Organisation(string name, OrganisationType type, string? companyNumber, DateTime now, params (string Name, string Email, string Title, bool Primary)[] contacts) => new()
    {
        Name = name,
        NormalisedName = Core.Suppliers.Organisation.Normalise(name),
        Type = type,
        CompaniesHouseNumber = companyNumber,
        CreatedUtc = now,
        UpdatedUtc = now,
        Contacts = contacts.Select(c => new Contact
        {
            FullName = c.Name,
            Email = c.Email,
            NormalisedEmail = Contact.Normalise(c.Email),
            JobTitle = c.Title,
            IsPrimary = c.Primary,
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToList(),
    };
}
