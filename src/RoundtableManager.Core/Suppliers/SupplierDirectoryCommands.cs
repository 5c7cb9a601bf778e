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
        var name = SupplierRules.Clean(input.Name);
        if (name is null)
        {
            errors.Add(new(nameof(OrganisationInput.Name), "Enter the organisation name"));
        }
        else if (!TextRules.IsSingleLine(name))
        {
            errors.Add(new(nameof(OrganisationInput.Name), TextRules.SingleLineMessage("Organisation name")));
        }
        else if (name.Length > Organisation.NameMaxLength)
        {
            errors.Add(new(nameof(OrganisationInput.Name), $"Organisation name must be {Organisation.NameMaxLength} characters or fewer"));
        }
        else
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

        var number = SupplierRules.Clean(input.CompaniesHouseNumber);
        if (!TextRules.IsSingleLine(number))
        {
            errors.Add(new(nameof(OrganisationInput.CompaniesHouseNumber), TextRules.SingleLineMessage("Companies House number")));
        }
        else if (number is not null)
        {
            number = SupplierRules.NormaliseCompaniesHouseNumber(number);
            if (!SupplierRules.IsValidCompaniesHouseNumber(number))
            {
                errors.Add(new(nameof(OrganisationInput.CompaniesHouseNumber), "Enter a Companies House number in the correct format, like 01234567 or SC123456"));
            }
        }

        var website = SupplierRules.Clean(input.Website);
        if (!TextRules.IsSingleLine(website))
        {
            errors.Add(new(nameof(OrganisationInput.Website), TextRules.SingleLineMessage("Website")));
        }
        else if (website is not null)
        {
            website = SupplierRules.NormaliseWebsite(website);
            if (!SupplierRules.IsValidWebsite(website))
            {
                errors.Add(new(nameof(OrganisationInput.Website), "Enter a website address in the correct format, like https://www.example.com"));
            }
        }

        var notes = TextRules.MultiLine(input.Notes);
        if (!TextRules.IsCleanMultiLine(notes))
        {
            errors.Add(new(nameof(OrganisationInput.Notes), TextRules.MultiLineMessage("Notes")));
        }
        else if (notes?.Length > SupplierRules.NotesMaxLength)
        {
            errors.Add(new(nameof(OrganisationInput.Notes), $"Notes must be {SupplierRules.NotesMaxLength:N0} characters or fewer"));
        }

        return (new OrganisationInput(name, input.Type, number, website, notes), errors);
    }

    private async Task<List<FieldError>> ValidateAsync(ContactInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = SupplierRules.Clean(input.FullName);
        if (name is null)
        {
            errors.Add(new(nameof(ContactInput.FullName), "Enter the contact's full name"));
        }
        else if (!TextRules.IsSingleLine(name))
        {
            errors.Add(new(nameof(ContactInput.FullName), TextRules.SingleLineMessage("Full name")));
        }
        else if (name.Length > Contact.NameMaxLength)
        {
            errors.Add(new(nameof(ContactInput.FullName), $"Full name must be {Contact.NameMaxLength} characters or fewer"));
        }

        var email = SupplierRules.Clean(input.Email);
        if (email is null)
        {
            errors.Add(new(nameof(ContactInput.Email), "Enter an email address"));
        }
        else if (!TextRules.IsSingleLine(email))
        {
            errors.Add(new(nameof(ContactInput.Email), TextRules.SingleLineMessage("Email address")));
        }
        else if (email.Length > Contact.EmailMaxLength)
        {
            errors.Add(new(nameof(ContactInput.Email), $"Email address must be {Contact.EmailMaxLength} characters or fewer"));
        }
        else if (!SupplierRules.IsValidEmail(email))
        {
            errors.Add(new(nameof(ContactInput.Email), "Enter an email address in the correct format, like name@example.com"));
        }
        else
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

        if (!TextRules.IsSingleLine(SupplierRules.Clean(input.JobTitle)))
        {
            errors.Add(new(nameof(ContactInput.JobTitle), TextRules.SingleLineMessage("Job title")));
        }
        else if (SupplierRules.Clean(input.JobTitle)?.Length > SupplierRules.JobTitleMaxLength)
        {
            errors.Add(new(nameof(ContactInput.JobTitle), $"Job title must be {SupplierRules.JobTitleMaxLength} characters or fewer"));
        }

        if (!TextRules.IsSingleLine(SupplierRules.Clean(input.Phone)))
        {
            errors.Add(new(nameof(ContactInput.Phone), TextRules.SingleLineMessage("Phone number")));
        }
        else if (SupplierRules.Clean(input.Phone)?.Length > SupplierRules.PhoneMaxLength)
        {
            errors.Add(new(nameof(ContactInput.Phone), $"Phone number must be {SupplierRules.PhoneMaxLength} characters or fewer"));
        }

        return errors;
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
