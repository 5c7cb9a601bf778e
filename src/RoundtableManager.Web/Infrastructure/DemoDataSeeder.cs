using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Actions;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Development only: fills an empty database with something to look at, and prints the demo accounts with
/// passwords generated now, once, to the console. No password is in the repository or the log.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, AccountService accounts, TimeProvider time, OperatorConsole console)
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
                throw new InvalidOperationException($"Could not create demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            await output.WriteLineAsync($"  {role,-10} {email,-40} {password}");
        }

        await output.WriteLineAsync();
        await SeedActionsAsync(roundtable, organisations, now, cancellationToken);
    }

    /// <summary>A few follow-up actions, so the register, the portal and the reminders have something to show.</summary>
    private async Task SeedActionsAsync(Roundtable roundtable, Organisation[] organisations, DateTime now, CancellationToken cancellationToken)
    {
        var users = await db.Users.ToDictionaryAsync(u => u.NormalizedEmail!, cancellationToken);
        var organiser = users["ORGANISER@EXAMPLE.GOV.UK"];
        var sam = users["STAFF@EXAMPLE.GOV.UK"];
        var priya = users["PRIYA.SHAH@NORTHGATE-MANAGED.EXAMPLE"];
        var today = DateOnly.FromDateTime(UkTime.ToUk(now));
        db.FollowUpActions.AddRange(
            DemoAction(roundtable, "Share the incident response contacts for government contracts", now, today.AddDays(10), ActionStatus.InProgress, organiser,
                organisation: organisations[0]),
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
            Roundtable = roundtable,
            Title = title,
            Description = "Agreed when planning the roundtable.",
            OwnerKind = organisation is null ? ActionOwnerKind.Staff : ActionOwnerKind.Organisation,
            OwnerUserId = ownerUser?.Id,
            OwnerOrganisation = organisation,
            OwnerContact = organisation?.Contacts.First(c => c.IsPrimary),
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
