namespace RoundtableManager.Core.Suppliers;

public sealed record OrganisationInput(string? Name, OrganisationType? Type, string? CompaniesHouseNumber, string? Website, string? Notes);

public sealed record ContactInput(string? FullName, string? Email, string? JobTitle, string? Phone, bool IsPrimary);

/// <summary>Changes to the supplier directory: organisations and their contacts, each checked by the directory's rules.</summary>
public sealed class SupplierDirectoryCommands(AppDbContext db, TimeProvider time)
{
    public async Task<CommandResult<int>> CreateOrganisationAsync(OrganisationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (values, errors) = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organisation = new Organisation { CreatedUtc = now };
        Apply(organisation, values!, now);
        db.Organisations.Add(organisation);
        return await SaveAsync(organisation, () => organisation.Id, cancellationToken);
    }

    public async Task<CommandResult<int>> UpdateOrganisationAsync(int id, OrganisationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var (values, errors) = await ValidateAsync(input, id, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        Apply(organisation, values!, time.GetUtcNow().UtcDateTime);
        return await SaveAsync(organisation, () => id, cancellationToken);
    }

    /// <summary>Archives or restores. Archived organisations keep their contacts and history but leave lists and pickers.</summary>
    public async Task<CommandResult<string>> SetArchivedAsync(int id, bool archived, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return CommandResult.NotFound().As<string>();
        }

        if (organisation.IsArchived == archived)
        {
            return CommandResult.Unchanged(organisation.Name);
        }

        organisation.IsArchived = archived;
        organisation.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(organisation.Name);
    }

    public async Task<CommandResult<int>> AddContactAsync(int organisationId, ContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            return CommandResult.NotFound().As<int>();
        }

        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var contact = new Contact { OrganisationId = organisationId, CreatedUtc = now };
        Apply(contact, input, now);
        db.Contacts.Add(contact);
        return await SaveAsync(contact, () => contact.Id, cancellationToken);
    }

    public async Task<CommandResult<int>> UpdateContactAsync(int organisationId, int contactId, ContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == organisationId, cancellationToken);
        if (contact is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var errors = await ValidateAsync(input, contactId, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        Apply(contact, input, time.GetUtcNow().UtcDateTime);
        return await SaveAsync(contact, () => contactId, cancellationToken);
    }

    private async Task<CommandResult<int>> SaveAsync(object entity, Func<int> id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done(id());
        }
        catch (DbUpdateException)
        {
            // Someone else saved the same name or email between our check and our save: the unique index caught it.
            db.Entry(entity).State = EntityState.Detached;
            return entity is Contact
                ? CommandResult.Invalid(new FieldError(nameof(ContactInput.Email), "A contact with this email address already exists")).As<int>()
                : CommandResult.Invalid(new FieldError(nameof(OrganisationInput.Name), "An organisation with this name already exists")).As<int>();
        }
    }

    private async Task<(OrganisationInput? Values, List<FieldError> Errors)> ValidateAsync(OrganisationInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = CheckLine(errors, nameof(OrganisationInput.Name), "Organisation name", input.Name, Organisation.NameMaxLength,
            missing: "Enter the organisation name");
        if (name is not null)
        {
            var normalised = Organisation.Normalise(name);
            var existing = await db.Organisations.AsNoTracking()
                .Where(o => o.NormalisedName == normalised && o.Id != id)
                .Select(o => new { o.Name, o.IsArchived })
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                errors.Add(new(nameof(OrganisationInput.Name), existing.IsArchived
                    ? $"An archived organisation called {existing.Name} already exists: restore it instead"
                    : $"An organisation called {existing.Name} already exists"));
            }
        }

        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors.Add(new(nameof(OrganisationInput.Type), "Select the type of organisation"));
        }

        var number = CheckLine(errors, nameof(OrganisationInput.CompaniesHouseNumber), "Companies House number", input.CompaniesHouseNumber,
            normalise: SupplierRules.NormaliseCompaniesHouseNumber,
            format: n => SupplierRules.IsValidCompaniesHouseNumber(n) ? null : "Enter a Companies House number in the correct format, like 01234567 or SC123456");
        var website = CheckLine(errors, nameof(OrganisationInput.Website), "Website", input.Website,
            normalise: SupplierRules.NormaliseWebsite,
            format: w => SupplierRules.IsValidWebsite(w) ? null : "Enter a website address in the correct format, like https://www.example.com");
        var notes = errors.CheckMultiLine(nameof(OrganisationInput.Notes), "Notes", input.Notes, SupplierRules.NotesMaxLength);
        return (new OrganisationInput(name, input.Type, number, website, notes), errors);
    }

    private async Task<List<FieldError>> ValidateAsync(ContactInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        CheckLine(errors, nameof(ContactInput.FullName), "Full name", input.FullName, Contact.NameMaxLength, missing: "Enter the contact's full name");
        var email = CheckLine(errors, nameof(ContactInput.Email), "Email address", input.Email, Contact.EmailMaxLength, missing: "Enter an email address",
            format: e => SupplierRules.IsValidEmail(e) ? null : "Enter an email address in the correct format, like name@example.com");
        if (email is not null)
        {
            var normalised = Contact.Normalise(email);
            var existing = await db.Contacts.AsNoTracking()
                .Where(c => c.NormalisedEmail == normalised && c.Id != id)
                .Select(c => c.Organisation.Name)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                errors.Add(new(nameof(ContactInput.Email), $"A contact with this email address already exists at {existing}"));
            }
        }

        CheckLine(errors, nameof(ContactInput.JobTitle), "Job title", input.JobTitle, SupplierRules.JobTitleMaxLength);
        CheckLine(errors, nameof(ContactInput.Phone), "Phone number", input.Phone, SupplierRules.PhoneMaxLength);
        return errors;
    }

    /// <summary>
    /// One typed single-line field, checked as every form's are (<see cref="FieldErrorListExtensions.CheckSingleLine"/>),
    /// then <paramref name="normalise"/>d and held to <paramref name="format"/> (its message, or null when right; a format
    /// bounds the length itself). Returns
    /// the value, or null when there is none or it was refused (one message at most, under <paramref name="field"/>).
    /// </summary>
    private static string? CheckLine(
        List<FieldError> errors, string field, string label, string? typed, int maxLength = int.MaxValue, string? missing = null,
        Func<string, string>? normalise = null, Func<string, string?>? format = null)
    {
        var before = errors.Count;
        var value = errors.CheckSingleLine(field, label, typed, maxLength, missing);
        if (value is null || errors.Count > before)
        {
            return null;
        }

        value = normalise?.Invoke(value) ?? value;
        if (format?.Invoke(value) is { } problem)
        {
            errors.Add(new(field, problem));
            return null;
        }

        return value;
    }

    private static void Apply(Organisation organisation, OrganisationInput values, DateTime now)
    {
        organisation.Name = values.Name!;
        organisation.NormalisedName = Organisation.Normalise(values.Name!);
        organisation.Type = values.Type!.Value;
        organisation.CompaniesHouseNumber = values.CompaniesHouseNumber;
        organisation.Website = values.Website;
        organisation.Notes = values.Notes;
        organisation.UpdatedUtc = now;
    }

    private static void Apply(Contact contact, ContactInput input, DateTime now)
    {
        contact.FullName = SupplierRules.Clean(input.FullName)!;
        contact.Email = SupplierRules.Clean(input.Email)!;
        contact.NormalisedEmail = Contact.Normalise(contact.Email);
        contact.JobTitle = SupplierRules.Clean(input.JobTitle);
        contact.Phone = SupplierRules.Clean(input.Phone);
        contact.IsPrimary = input.IsPrimary;
        contact.UpdatedUtc = now;
    }
}
