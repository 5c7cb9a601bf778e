namespace RoundtableManager.Core.Controls;

public sealed record ControlSetInput(string? Name, string? Description, string? Source, TlpMarking? Marking);

public sealed record ControlInput(string? Code, string? Title, string? Guidance, string? Source);

/// <summary>Organisers' changes to control sets: create a set, add a control, retire one. Seeded sets are read-only. Audited.</summary>
public sealed class ControlSetCommands(AppDbContext db, IAuditLog audit, TimeProvider time)
{
    public const string SubjectType = "ControlSet";

    public async Task<CommandResult<int>> CreateSetAsync(ControlSetInput input, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        var name = errors.CheckSingleLine(nameof(input.Name), "Name", input.Name, ControlSet.NameMaxLength, "Enter a name for the set");
        var source = errors.CheckSingleLine(nameof(input.Source), "Source", input.Source, ControlSet.SourceMaxLength, "Enter where the controls come from");
        var description = errors.CheckMultiLine(nameof(input.Description), "Description", input.Description, ControlSet.DescriptionMaxLength);
        if (name is not null && errors.All(e => e.Field != nameof(input.Name)))
        {
            var normalised = ControlSet.Normalise(name);
            if (await db.ControlSets.AnyAsync(s => s.NormalisedName == normalised, cancellationToken))
            {
                errors.Add(new(nameof(input.Name), "A control set with this name already exists"));
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var set = new ControlSet
        {
            Name = name!,
            NormalisedName = ControlSet.Normalise(name!),
            Description = description,
            Source = source!,
            Marking = input.Marking,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            CreatedByName = actor.Name,
        };
        db.ControlSets.Add(set);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Invalid(new FieldError(nameof(input.Name), "A control set with this name already exists")).As<int>();
        }

        await audit.RecordNowAsync("Controls.SetCreated", $"Created the control set \"{set.Name}\"", SubjectType, Id(set.Id), (actor.UserId, actor.Name), cancellationToken);
        return CommandResult.Done(set.Id);
    }

    /// <summary>Adds a control at the end of a set; organisations that adopted the set are asked about it too (a Not started answer each).</summary>
    public async Task<CommandResult<int>> AddControlAsync(int setId, ControlInput input, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var set = await db.ControlSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == setId, cancellationToken);
        if (set is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (set.ReadOnly)
        {
            return CommandResult.NotAllowed($"{set.Name} is a published standard: its controls cannot be changed").As<int>();
        }

        var errors = new List<FieldError>();
        var code = errors.CheckSingleLine(nameof(input.Code), "Control id", input.Code, Control.CodeMaxLength, "Enter the control's id, like C1 or Clause 4.2");
        var title = errors.CheckSingleLine(nameof(input.Title), "Title", input.Title, Control.TitleMaxLength, "Enter the control's title");
        var guidance = errors.CheckMultiLine(nameof(input.Guidance), "Guidance", input.Guidance, Control.GuidanceMaxLength);
        var source = errors.CheckSingleLine(nameof(input.Source), "Source", input.Source, ControlSet.SourceMaxLength);
        if (code is not null && errors.All(e => e.Field != nameof(input.Code))
            && await db.Controls.AnyAsync(c => c.ControlSetId == setId && c.Code == code, cancellationToken))
        {
            errors.Add(new(nameof(input.Code), $"This set already has a control {code}"));
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var position = await db.Controls.Where(c => c.ControlSetId == setId).Select(c => (int?)c.Position).MaxAsync(cancellationToken) ?? 0;
        var control = new Control { ControlSetId = setId, Code = code!, Title = title!, Guidance = guidance, Source = source ?? set.Source, Position = position + 1, CreatedUtc = now };
        db.Controls.Add(control);
        await db.SaveChangesAsync(cancellationToken);
        var adopters = await db.ControlAdoptions.Where(a => a.ControlSetId == setId).Select(a => a.OrganisationId).ToListAsync(cancellationToken);
        db.ControlAnswers.AddRange(adopters.Select(o => new ControlAnswer { OrganisationId = o, ControlId = control.Id, CreatedUtc = now }));
        audit.Record("Controls.ControlAdded", $"Added the control {control.Display} to \"{set.Name}\"", SubjectType, Id(setId), actor: (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(control.Id);
    }

    /// <summary>Retires a control: no longer asked about or reminded of, its answers and their history kept.</summary>
    public async Task<CommandResult<int>> RetireAsync(int controlId, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var control = await db.Controls.Include(c => c.ControlSet).FirstOrDefaultAsync(c => c.Id == controlId, cancellationToken);
        if (control is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (control.ControlSet.ReadOnly)
        {
            return CommandResult.NotAllowed($"{control.ControlSet.Name} is a published standard: its controls cannot be retired").As<int>();
        }

        if (control.RetiredUtc is not null)
        {
            return CommandResult.Unchanged(control.ControlSetId);
        }

        control.RetiredUtc = time.GetUtcNow().UtcDateTime;
        control.RetiredByName = actor.Name;
        audit.Record("Controls.ControlRetired", $"Retired the control {control.Display} of \"{control.ControlSet.Name}\"", SubjectType, Id(control.ControlSetId), actor: (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(control.ControlSetId);
    }

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
