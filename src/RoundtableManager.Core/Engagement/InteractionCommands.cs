namespace RoundtableManager.Core.Engagement;

/// <summary>What a person typed for an interaction; the kind and marking parsed by the form (null when missing or unknown).</summary>
public sealed record InteractionInput(InteractionKind? Kind, DateOnly? OccurredOn, string? Summary, string? Participants, TlpMarking? Marking);

/// <summary>Who is logging or changing an interaction.</summary>
public sealed record InteractionActor(string? UserId, string Name);

/// <summary>Staff log interactions with an organisation and change them; every change is audited with what it was before and after.</summary>
public sealed class InteractionCommands(AppDbContext db, IAuditLog audit, TimeProvider time)
{
    public const string SubjectType = "Interaction";
    public const string ChangedMessage = "Someone changed this interaction since you opened it. Check it and make your change again.";

    public async Task<CommandResult<int>> LogAsync(int organisationId, InteractionInput input, InteractionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var (values, errors) = Validate(input);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var interaction = new Interaction { OrganisationId = organisationId, CreatedByUserId = actor.UserId, CreatedByName = actor.Name, CreatedUtc = now, UpdatedUtc = now };
        Apply(interaction, values);
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("Interaction.Logged", $"Logged a {values.Kind.DisplayName().ToLowerInvariant()} with {organisation} on {Date(values.OccurredOn)} ({values.Marking.Label()})",
            SubjectType, Id(interaction.Id), organisationId, (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(interaction.Id);
    }

    /// <summary>
    /// Saves an edit made from the copy at <paramref name="expectedVersion"/> (Conflict if someone changed it since). The
    /// audit event names every field that changed with its value before and after.
    /// </summary>
    public async Task<CommandResult<int>> UpdateAsync(int organisationId, int id, int expectedVersion, InteractionInput input, InteractionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == id && i.OrganisationId == organisationId, cancellationToken);
        if (interaction is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var (values, errors) = Validate(input);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        if (interaction.Version != expectedVersion)
        {
            return CommandResult.Conflict(ChangedMessage).As<int>();
        }

        var changes = Changes(interaction, values);
        if (changes.Count == 0)
        {
            return CommandResult.Unchanged(id);
        }

        Apply(interaction, values);
        interaction.UpdatedByName = actor.Name;
        interaction.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        interaction.Version++;
        audit.Record("Interaction.Changed", $"Changed the interaction of {Date(interaction.OccurredOn)} ({interaction.Marking.Label()}): " + string.Join("; ", changes),
            SubjectType, Id(id), organisationId, (actor.UserId, actor.Name));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict(ChangedMessage).As<int>();
        }

        return CommandResult.Done(id);
    }

    private sealed record Values(InteractionKind Kind, DateOnly OccurredOn, string Summary, string? Participants, TlpMarking Marking);

    private (Values Values, List<FieldError> Errors) Validate(InteractionInput input)
    {
        var errors = new List<FieldError>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new(nameof(InteractionInput.Kind), "Select what kind of interaction it was"));
        }

        var today = DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));
        if (input.OccurredOn is not { } date)
        {
            errors.Add(new(nameof(InteractionInput.OccurredOn), "Enter the date of the interaction"));
        }
        else if (date > today)
        {
            errors.Add(new(nameof(InteractionInput.OccurredOn), "The date of the interaction must be today or in the past"));
        }
        else if (date.Year < 2000)
        {
            errors.Add(new(nameof(InteractionInput.OccurredOn), "The date of the interaction must be after 1 January 2000"));
        }

        var summary = errors.CheckMultiLine(nameof(InteractionInput.Summary), "Summary", input.Summary, Interaction.SummaryMaxLength, "Enter a summary of the interaction");
        var participants = errors.CheckSingleLine(nameof(InteractionInput.Participants), "Who took part", input.Participants, Interaction.ParticipantsMaxLength);
        if (input.Marking is not { } marking || !Enum.IsDefined(marking))
        {
            errors.Add(new(nameof(InteractionInput.Marking), "Select the sensitivity marking"));
        }

        return errors.Count > 0 ? (null!, errors) : (new Values(input.Kind!.Value, input.OccurredOn!.Value, summary!, participants, input.Marking!.Value), errors);
    }

    private static void Apply(Interaction interaction, Values values)
    {
        interaction.Kind = values.Kind;
        interaction.OccurredOn = values.OccurredOn;
        interaction.OccurredUtc = UkTime.ToUtc(values.OccurredOn.ToDateTime(TimeOnly.MinValue));
        interaction.Summary = values.Summary;
        interaction.Participants = values.Participants;
        interaction.Marking = values.Marking;
    }

    /// <summary>Each changed field as "Field: before → after" (the people and the summary only as changed).</summary>
    private static List<string> Changes(Interaction before, Values after)
    {
        var changes = new List<string>();
        void Add(string field, string? was, string? now)
        {
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                changes.Add($"{field}: \u201c{was ?? "none"}\u201d \u2192 \u201c{now ?? "none"}\u201d");
            }
        }

        Add("kind", before.Kind.DisplayName(), after.Kind.DisplayName());
        Add("date", Date(before.OccurredOn), Date(after.OccurredOn));
        Add("marking", before.Marking.Label(), after.Marking.Label());
        // The audit log is kept for ever and read by every organiser: it names who took part and the marked text as changed, never their values.
        if (!string.Equals(before.Participants, after.Participants, StringComparison.Ordinal))
        {
            changes.Add("who took part changed");
        }

        if (!string.Equals(before.Summary, after.Summary, StringComparison.Ordinal))
        {
            changes.Add("summary changed");
        }

        return changes;
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
