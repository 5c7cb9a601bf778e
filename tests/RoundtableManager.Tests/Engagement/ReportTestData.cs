namespace RoundtableManager.Tests.Engagement;

/// <summary>Writes roundtables, invitations, delegates and actions straight into the app's SQLite database, at chosen times.</summary>
internal sealed class ReportTestData(TestApp app)
{
    public async Task<Roundtable> RoundtableAsync(DateTime startsUtc, RoundtableStatus status = RoundtableStatus.Held)
    {
        var roundtable = new Roundtable
        {
            Title = TestNames.Unique("Programme roundtable"),
            StartsUtc = startsUtc,
            EndsUtc = startsUtc.AddHours(2),
            VenueAddress = "70 Whitehall, London SW1A 2AS",
            Capacity = 40,
            DelegatesPerOrganisation = 3,
            RsvpDeadlineUtc = startsUtc.AddDays(-7),
            Status = status,
            CreatedUtc = startsUtc.AddDays(-40),
            UpdatedUtc = startsUtc.AddDays(-40),
        };
        await app.WithDbAsync(async db =>
        {
            db.Roundtables.Add(roundtable);
            await db.SaveChangesAsync();
        });
        return roundtable;
    }

    public async Task TagAsync(string name, params Organisation[] organisations)
    {
        await app.WithDbAsync(async db =>
        {
            var tag = new Tag { Name = name, NormalisedName = Tag.Normalise(name), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            db.OrganisationTags.AddRange(organisations.Select(o => new OrganisationTag { OrganisationId = o.Id, TagId = tag.Id, AddedUtc = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// An invitation sent 30 days before the roundtable; answered <paramref name="replyAfterDays"/> after (first answer),
    /// with <paramref name="delegates"/> confirmed delegates of whom the first <paramref name="checkedIn"/> checked in.
    /// </summary>
    public async Task<Invitation> InviteAsync(Roundtable roundtable, Organisation organisation, InvitationResponse response = InvitationResponse.None,
        double replyAfterDays = 0, int delegates = 0, int checkedIn = 0, IReadOnlyList<(string Name, string? AccessNeeds)>? people = null)
    {
        var sent = roundtable.StartsUtc.AddDays(-30);
        var firstReply = response == InvitationResponse.None ? (DateTime?)null : sent.AddDays(replyAfterDays);
        var invitation = new Invitation
        {
            RoundtableId = roundtable.Id,
            OrganisationId = organisation.Id,
            CreatedUtc = sent,
            Response = response,
            FirstRespondedUtc = firstReply,
            RespondedUtc = firstReply?.AddDays(1),
        };
        var named = people ?? [.. Enumerable.Range(0, delegates).Select(i => ($"Delegate {i} of {organisation.Name}", (string?)null))];
        invitation.Delegates.AddRange(named.Select((p, i) =>
        {
            var email = $"delegate{i}-{Guid.NewGuid():N}@supplier.example";
            return new DelegateEntry
            {
                RoundtableId = roundtable.Id,
                FullName = p.Name,
                Email = email,
                NormalisedEmail = email,
                AccessNeeds = p.AccessNeeds,
                Status = DelegateStatus.Confirmed,
                QueuedUtc = firstReply ?? sent,
                TermsVersion = AttendanceTerms.Version,
                TermsAgreedUtc = firstReply ?? sent,
                CreatedUtc = firstReply ?? sent,
                AttendedUtc = i < checkedIn ? roundtable.StartsUtc.AddMinutes(5) : null,
            };
        }));
        await app.WithDbAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });
        return invitation;
    }

    public async Task<FollowUpAction> ActionAsync(Roundtable roundtable, Organisation? owner, DateTime openedUtc, DateOnly due, ActionStatus status,
        double? closedAfterDays = null, AgendaCategory? category = null)
    {
        var lead = await app.CreateUserAsync(Roles.Staff);
        var action = new FollowUpAction
        {
            RoundtableId = roundtable.Id,
            Title = TestNames.Unique("Follow up"),
            OwnerKind = owner is null ? ActionOwnerKind.Staff : ActionOwnerKind.Organisation,
            OwnerUserId = owner is null ? lead.Id : null,
            OwnerOrganisationId = owner?.Id,
            StaffLeadUserId = lead.Id,
            DueDate = due,
            Status = status,
            CreatedUtc = openedUtc,
            UpdatedUtc = openedUtc,
            ClosedUtc = closedAfterDays is { } d ? openedUtc.AddDays(d) : null,
        };
        await app.WithDbAsync(async db =>
        {
            if (category is { } c)
            {
                var item = new AgendaItem { RoundtableId = roundtable.Id, Title = TestNames.Unique("Item"), Category = c, Kind = AgendaItemKind.Item, DurationMinutes = 30 };
                db.AgendaItems.Add(item);
                await db.SaveChangesAsync();
                action.AgendaItemId = item.Id;
            }

            db.FollowUpActions.Add(action);
            await db.SaveChangesAsync();
        });
        return action;
    }
}
