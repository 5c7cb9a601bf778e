namespace RoundtableManager.Web.Invitations;

public sealed class DelegateForm
{
    public int? ContactId { get; set; }

    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? JobTitle { get; set; }

    public string? AccessNeeds { get; set; }

    public string? DietaryRequirements { get; set; }

    public bool IsEmpty => ToDraft().IsEmpty;

    public DelegateDraft ToDraft() => new(ContactId, FullName, Email, JobTitle, AccessNeeds, DietaryRequirements);
}

/// <summary>An organisation's reply, carried through the answer, delegates and check steps in the form itself.</summary>
public sealed class ReplyForm
{
    public const string Accept = nameof(InvitationResponse.Accepted);
    public const string Decline = nameof(InvitationResponse.Declined);

    public static readonly IReadOnlyList<SelectListItem> AnswerOptions =
    [
        new("Yes, we will attend", Accept),
        new("No, we cannot attend", Decline),
    ];

    public string? Answer { get; set; }

    public string? DeclineReason { get; set; }

    public List<DelegateForm> Delegates { get; set; } = [];

    public bool AgreeTerms { get; set; }

    [ShownOnly]
    public AnswerView Invitation { get; set; } = null!;

    [ShownOnly]
    public IReadOnlyList<Contact> Contacts { get; set; } = [];

    [ShownOnly]
    public bool ByOrganiser { get; set; }

    public InvitationResponse Response => Answer switch
    {
        Accept => InvitationResponse.Accepted,
        Decline => InvitationResponse.Declined,
        _ => InvitationResponse.None,
    };

    public IReadOnlyList<SelectListItem> ContactOptions =>
    [
        new("Someone else (enter their details below)", ""),
        .. Contacts.Select(c => new SelectListItem($"{c.FullName} ({c.Email})", c.Id.ToString(CultureInfo.InvariantCulture))),
    ];

    /// <summary>How many delegates the roundtable takes from one organisation: the form's delegate slots.</summary>
    private int Slots => Invitation.Roundtable.DelegatesPerOrganisation;

    /// <summary>The form as the invitation stands (its answer and delegates), for the organisation's next change.</summary>
    public static ReplyForm From(AnswerView invitation) => new()
    {
        Answer = invitation.Response == InvitationResponse.None ? null : invitation.Response.ToString(),
        DeclineReason = invitation.DeclineReason,
        AgreeTerms = invitation.Response == InvitationResponse.Accepted,
        Delegates = invitation.Delegates.Select(d => new DelegateForm
        {
            ContactId = d.ContactId,
            FullName = d.FullName,
            Email = d.Email,
            JobTitle = d.JobTitle,
            AccessNeeds = d.AccessNeeds,
            DietaryRequirements = d.DietaryRequirements,
        }).Take(invitation.Roundtable.DelegatesPerOrganisation).ToList(),
    };

    /// <summary>Pads the delegate slots to the roundtable's limit so the form shows one block per possible person.</summary>
    public void PadSlots()
    {
        Delegates = Delegates.Take(Slots).ToList();
        while (Delegates.Count < Slots)
        {
            Delegates.Add(new DelegateForm());
        }
    }

    /// <summary>The answer's checks, and the delegates' when it accepts.</summary>
    public void Validate(ModelStateDictionary modelState)
    {
        ValidateAnswer(modelState);
        if (Response == InvitationResponse.Accepted)
        {
            ValidateDelegates(modelState);
        }
    }

    public void ValidateAnswer(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (Response == InvitationResponse.None)
        {
            modelState.AddModelError(nameof(Answer), "Select whether your organisation will attend");
        }
        else if (Response == InvitationResponse.Declined)
        {
            modelState.AddFieldErrors(RsvpRules.CheckDeclineReason(DeclineReason));
        }
    }

    /// <summary>Checks the delegate blocks by <see cref="RsvpRules.CheckDelegates"/>; a chosen contact's details come from the directory, never from the form.</summary>
    public void ValidateDelegates(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var (errors, people) = RsvpRules.CheckDelegates(Delegates.Select(d => d.ToDraft()).ToList(), Contacts, Slots, AgreeTerms, ByOrganiser, modelState.ErrorCount > 0);
        for (var i = 0; i < people.Count; i++)
        {
            Delegates[i].FullName = people[i].FullName;
            Delegates[i].Email = people[i].Email;
            Delegates[i].JobTitle = people[i].JobTitle;
        }

        modelState.AddFieldErrors(errors);
    }

    /// <summary>
    /// After <see cref="RsvpService.AnswerAsync"/> refused the answer: the form's own checks again (the same rules, so
    /// their messages land beside the right delegate slots), or a general message if they find nothing.
    /// </summary>
    public void ExplainRefusal(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        Validate(modelState);
        if (modelState.IsValid)
        {
            modelState.AddModelError("", RsvpService.CheckDelegatesProblem);
        }
    }

    public RsvpAnswer ToAnswer() => new(
        Response,
        DeclineReason,
        Response == InvitationResponse.Accepted
            ? Delegates.Where(d => !d.IsEmpty).Select(d => new DelegateInput(d.ContactId, d.FullName!.Trim(), d.Email!.Trim(), d.JobTitle, d.AccessNeeds, d.DietaryRequirements)).ToList()
            : []);
}

internal static class RoundtableDelegateLimits
{
    public const int TextMaxLength = DelegateEntry.TextMaxLength;
}
