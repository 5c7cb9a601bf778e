namespace RoundtableManager.Core.Actions;

/// <summary>
/// What an action must be, whoever changes it (the staff pages, the portal): where it comes from, its text, who owns
/// and leads it, its due date and priority, and which statuses each side may set. Field errors are keyed as
/// <see cref="ActionInput"/> names its members, so a form with the same property names shows each beside its field.
/// </summary>
public sealed class ActionRules(AppDbContext db, ActionQueries queries)
{
    /// <summary>Statuses a supplier may set from the portal (Done goes through <see cref="ActionCommands.SupplierMarkDoneAsync"/>).</summary>
    public static readonly IReadOnlyList<ActionStatus> SupplierStatuses = [ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Blocked];

    /// <summary>Statuses staff may set directly (AwaitingConfirmation is the supplier's signal, not staff's).</summary>
    public static readonly IReadOnlyList<ActionStatus> StaffStatuses = [ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Blocked, ActionStatus.Done, ActionStatus.Cancelled];

    /// <summary>The errors a create (<paramref name="id"/> null) or an update would give, without saving anything.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(ActionInput input, int? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = id is null ? null : await db.FollowUpActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return await CheckAsync(existing is null ? input : input with { RoundtableId = existing.RoundtableId }, existing, cancellationToken);
    }

    /// <summary>
    /// Every rule of an action's details. An update may keep what the action already has even where a new action could
    /// not (an owner who has since left, an archived organisation, a due date now past).
    /// </summary>
    internal async Task<List<FieldError>> CheckAsync(ActionInput input, FollowUpAction? existing, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        await CheckSourceAsync(input, errors, cancellationToken);
        errors.CheckSingleLine(nameof(ActionInput.Title), "Title", input.Title, FollowUpAction.TitleMaxLength, "Enter the title");
        errors.CheckMultiLine(nameof(ActionInput.Description), "Description", input.Description, FollowUpAction.DescriptionMaxLength);
        var staff = await queries.ListStaffAsync(cancellationToken);
        await CheckOwnerAsync(input, existing, staff, errors, cancellationToken);
        if (input.StaffLeadUserId is null || (staff.All(s => s.Value != input.StaffLeadUserId) && input.StaffLeadUserId != existing?.StaffLeadUserId))
        {
            errors.Add(new(nameof(ActionInput.StaffLeadUserId), "Select the staff lead"));
        }

        if (input.DueDate < queries.Today() && input.DueDate != existing?.DueDate)
        {
            errors.Add(new(nameof(ActionInput.DueDate), "Due date must be today or in the future"));
        }

        if (!Enum.IsDefined(input.Priority))
        {
            errors.Add(new(nameof(ActionInput.Priority), "Select the priority"));
        }

        return errors;
    }

    /// <summary>A comment or reason: multi-line text within the limit, given when <paramref name="required"/>. Returns it cleaned.</summary>
    public static string? CheckComment(string? comment, bool required, out FieldError? error)
    {
        var errors = new List<FieldError>();
        var text = errors.CheckMultiLine("Comment", "Comment", comment, ActionHistoryEntry.CommentMaxLength, required ? "Enter a comment" : null);
        error = errors.FirstOrDefault();
        return text;
    }

    /// <summary>The roundtable exists; an agenda item is one of its items; a decision was made in that item.</summary>
    private async Task CheckSourceAsync(ActionInput input, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (!await db.Roundtables.AnyAsync(r => r.Id == input.RoundtableId, cancellationToken))
        {
            errors.Add(new(nameof(ActionInput.RoundtableId), "Select the roundtable"));
        }

        if (input.AgendaItemId is { } itemId)
        {
            if (!await db.AgendaItems.AnyAsync(i => i.Id == itemId && i.RoundtableId == input.RoundtableId, cancellationToken))
            {
                errors.Add(new(nameof(ActionInput.AgendaItemId), "Select an agenda item of this roundtable"));
            }
            else if (input.DecisionId is { } decisionId && !await db.Decisions.AnyAsync(d => d.Id == decisionId && d.AgendaItemId == itemId, cancellationToken))
            {
                errors.Add(new(nameof(ActionInput.DecisionId), "Select a decision of this agenda item"));
            }
        }
        else if (input.DecisionId is not null)
        {
            errors.Add(new(nameof(ActionInput.DecisionId), "Select the agenda item the decision was made in"));
        }
    }

    /// <summary>A staff member owns it, or a supplier organisation (not archived) with one of its contacts (not erased).</summary>
    private async Task CheckOwnerAsync(ActionInput input, FollowUpAction? existing, IReadOnlyList<ActionChoice> staff, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var keptOrganisation = existing?.OwnerOrganisationId;
        if (!Enum.IsDefined(input.OwnerKind))
        {
            errors.Add(new(nameof(ActionInput.OwnerKind), "Select who owns the action"));
        }
        else if (input.OwnerKind == ActionOwnerKind.Staff)
        {
            if (input.OwnerUserId is null || (staff.All(s => s.Value != input.OwnerUserId) && input.OwnerUserId != existing?.OwnerUserId))
            {
                errors.Add(new(nameof(ActionInput.OwnerUserId), "Select the staff member who owns the action"));
            }
        }
        else if (input.OwnerOrganisationId is not { } organisationId
            || !await db.Organisations.AnyAsync(o => o.Id == organisationId && (!o.IsArchived || o.Id == keptOrganisation), cancellationToken))
        {
            errors.Add(new(nameof(ActionInput.OwnerOrganisationId), "Select the supplier organisation that owns the action"));
        }
        else if (input.OwnerContactId is not { } contactId)
        {
            errors.Add(new(nameof(ActionInput.OwnerContactId), "Select a contact at the organisation"));
        }
        else if (!await db.Contacts.AnyAsync(c => c.Id == contactId && c.OrganisationId == organisationId && c.ErasedUtc == null, cancellationToken))
        {
            errors.Add(new(nameof(ActionInput.OwnerContactId), "Select a contact who works for the chosen organisation"));
        }
    }
}
