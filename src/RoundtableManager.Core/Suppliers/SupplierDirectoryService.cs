using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;

namespace RoundtableManager.Core.Suppliers;

public sealed record DirectoryQuery(string? Search, OrganisationType? Type, bool IncludeArchived, int Page = 1)
{
    public const int PageSize = 25;
}

public sealed record OrganisationListItem(int Id, string Name, OrganisationType Type, bool IsArchived, int ContactCount, string? PrimaryContactName);

public sealed record DirectoryPage(
    IReadOnlyList<OrganisationListItem> Items,
    int Page,
    int TotalCount,
    int ContactCount,
    IReadOnlyDictionary<OrganisationType, int> CountsByType)
{
    public int TotalPages => Math.Max(1, (TotalCount + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
}

public sealed record ContactDetails(int Id, string FullName, string Email, string? JobTitle, string? Phone, bool IsPrimary);

public sealed record OrganisationDetails(
    int Id,
    string Name,
    OrganisationType Type,
    string? CompaniesHouseNumber,
    string? Website,
    string? Notes,
    bool IsArchived,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    IReadOnlyList<ContactDetails> Contacts);

public sealed record OrganisationInput(string? Name, OrganisationType? Type, string? CompaniesHouseNumber, string? Website, string? Notes);

public sealed record ContactInput(string? FullName, string? Email, string? JobTitle, string? Phone, bool IsPrimary);

public sealed class SupplierDirectoryService(AppDbContext db, TimeProvider time)
{
    /// <summary>
    /// Organisations matching the search (name, or any contact's email) and filters, a page at a time. Searches the
    /// upper-cased columns, so case is ignored on every provider.
    /// </summary>
    public async Task<DirectoryPage> ListAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = Filter(db.Organisations.AsNoTracking(), query.Search, query.IncludeArchived);
        var countsByType = await matching.GroupBy(o => o.Type)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (query.Type is { } type)
        {
            matching = matching.Where(o => o.Type == type);
        }

        var total = query.Type is { } t ? countsByType.GetValueOrDefault(t) : countsByType.Values.Sum();
        var pages = Math.Max(1, (total + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var contactCount = await matching.SelectMany(o => o.Contacts).CountAsync(cancellationToken);
        var items = await matching
            .OrderBy(o => o.NormalisedName)
            .Skip((page - 1) * DirectoryQuery.PageSize)
            .Take(DirectoryQuery.PageSize)
            .Select(o => new OrganisationListItem(
                o.Id,
                o.Name,
                o.Type,
                o.IsArchived,
                o.Contacts.Count,
                o.Contacts.Where(c => c.IsPrimary).OrderBy(c => c.FullName).Select(c => c.FullName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new DirectoryPage(items, page, total, contactCount, countsByType);
    }

    internal static IQueryable<Organisation> Filter(IQueryable<Organisation> organisations, string? search, bool includeArchived)
    {
        if (!includeArchived)
        {
            organisations = organisations.Where(o => !o.IsArchived);
        }

        var term = SupplierRules.Clean(search)?.ToUpperInvariant();
        if (term is not null)
        {
            organisations = organisations.Where(o => o.NormalisedName.Contains(term) || o.Contacts.Any(c => c.NormalisedEmail.Contains(term)));
        }

        return organisations;
    }

    public Task<OrganisationDetails?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrganisationDetails(
                o.Id,
                o.Name,
                o.Type,
                o.CompaniesHouseNumber,
                o.Website,
                o.Notes,
                o.IsArchived,
                o.CreatedUtc,
                o.UpdatedUtc,
                o.Contacts.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.FullName)
                    .Select(c => new ContactDetails(c.Id, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary)).ToList()))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<SaveResult> CreateOrganisationAsync(OrganisationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (values, errors) = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return new SaveResult(0, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organisation = new Organisation { CreatedUtc = now };
        Apply(organisation, values!, now);
        db.Organisations.Add(organisation);
        return await SaveAsync(organisation, () => organisation.Id, cancellationToken);
    }

    public async Task<SaveResult?> UpdateOrganisationAsync(int id, OrganisationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var (values, errors) = await ValidateAsync(input, id, cancellationToken);
        if (errors.Count > 0)
        {
            return new SaveResult(id, errors);
        }

        Apply(organisation, values!, time.GetUtcNow().UtcDateTime);
        return await SaveAsync(organisation, () => id, cancellationToken);
    }

    /// <summary>Archives or restores. Archived organisations keep their contacts and history but leave lists and pickers.</summary>
    public async Task<string?> SetArchivedAsync(int id, bool archived, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        if (organisation.IsArchived != archived)
        {
            organisation.IsArchived = archived;
            organisation.UpdatedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return organisation.Name;
    }

    public Task<ContactDetails?> GetContactAsync(int organisationId, int contactId, CancellationToken cancellationToken) =>
        db.Contacts.AsNoTracking()
            .Where(c => c.Id == contactId && c.OrganisationId == organisationId)
            .Select(c => new ContactDetails(c.Id, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<SaveResult?> AddContactAsync(int organisationId, ContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            return null;
        }

        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return new SaveResult(0, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var contact = new Contact { OrganisationId = organisationId, CreatedUtc = now };
        Apply(contact, input, now);
        db.Contacts.Add(contact);
        return await SaveAsync(contact, () => contact.Id, cancellationToken);
    }

    public async Task<SaveResult?> UpdateContactAsync(int organisationId, int contactId, ContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OrganisationId == organisationId, cancellationToken);
        if (contact is null)
        {
            return null;
        }

        var errors = await ValidateAsync(input, contactId, cancellationToken);
        if (errors.Count > 0)
        {
            return new SaveResult(contactId, errors);
        }

        Apply(contact, input, time.GetUtcNow().UtcDateTime);
        return await SaveAsync(contact, () => contactId, cancellationToken);
    }

    private async Task<SaveResult> SaveAsync(object entity, Func<int> id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SaveResult(id(), []);
        }
        catch (DbUpdateException)
        {
            // Someone else saved the same name or email between our check and our save: the unique index caught it.
            db.Entry(entity).State = EntityState.Detached;
            return entity is Contact
                ? SaveResult.Failed(new FieldError(nameof(ContactInput.Email), "A contact with this email address already exists"))
                : SaveResult.Failed(new FieldError(nameof(OrganisationInput.Name), "An organisation with this name already exists"));
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
