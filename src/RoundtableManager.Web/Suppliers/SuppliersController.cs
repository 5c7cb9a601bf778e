namespace RoundtableManager.Web.Suppliers;

/// <summary>The supplier directory: organisers change it, staff read it, suppliers never see it.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("suppliers")]
public sealed class SuppliersController(SupplierDirectoryQueries directory, SupplierDirectoryCommands changes, SupplierExportService export, TagQueries tags, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? type, bool archived, int? tag, int page, CancellationToken cancellationToken)
    {
        var model = new SupplierListModel { Q = q, Type = SupplierListModel.ParseType(type)?.ToString(), Archived = archived, Tag = tag };
        return View(await model.LoadAsync(directory, tags, page, cancellationToken));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("export")]
    public async Task<IActionResult> Export(string? q, string? type, bool archived, int? tag, CancellationToken cancellationToken)
    {
        var csv = await export.ExportCsvAsync(new DirectoryQuery(q, SupplierListModel.ParseType(type), archived, TagId: tag), cancellationToken);
        var date = UkTime.ToUk(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(csv, "text/csv; charset=utf-8", $"suppliers-{date}.csv");
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("new")]
    public IActionResult New() => View("OrganisationForm", new OrganisationForm());

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("new")]
    public async Task<IActionResult> New(OrganisationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await changes.CreateOrganisationAsync(form.ToInput(), cancellationToken);
        return this.ShowResult(result, $"{SupplierRules.Clean(form.Name)} added to the directory")
            ? RedirectToAction(nameof(Show), new { id = result.Value })
            : View("OrganisationForm", form);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await directory.GetAsync(id, cancellationToken));

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var organisation = await directory.GetAsync(id, cancellationToken);
        return organisation is null ? NotFound() : View("OrganisationForm", OrganisationForm.From(organisation));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, OrganisationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Id = id;
        var result = await changes.UpdateOrganisationAsync(id, form.ToInput(), cancellationToken);
        return this.ShowResult(result, "Organisation details saved", () => RedirectToAction(nameof(Show), new { id }), () => View("OrganisationForm", form));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/archive")]
    public Task<IActionResult> Archive(int id, CancellationToken cancellationToken) =>
        SetArchivedAsync(id, archived: true, name => $"{name} archived. It is hidden from lists until restored", cancellationToken);

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/restore")]
    public Task<IActionResult> Restore(int id, CancellationToken cancellationToken) =>
        SetArchivedAsync(id, archived: false, name => $"{name} restored", cancellationToken);

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/contacts/new")]
    public async Task<IActionResult> NewContact(int id, CancellationToken cancellationToken)
    {
        var organisation = await directory.GetAsync(id, cancellationToken);
        return organisation is null ? NotFound() : View("ContactForm", new ContactForm { OrganisationId = id, OrganisationName = organisation.Name });
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/contacts/new")]
    public async Task<IActionResult> NewContact(int id, ContactForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await changes.AddContactAsync(id, form.ToInput(), cancellationToken);
        return await this.ShowResultAsync(result, $"{SupplierRules.Clean(form.FullName)} added as a contact",
            () => RedirectToAction(nameof(Show), new { id }), () => InvalidContactAsync(id, null, form, cancellationToken));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/contacts/{contactId:int}/edit")]
    public async Task<IActionResult> EditContact(int id, int contactId, CancellationToken cancellationToken)
    {
        var organisation = await directory.GetAsync(id, cancellationToken);
        var contact = organisation is null ? null : await directory.GetContactAsync(id, contactId, cancellationToken);
        return contact is null ? NotFound() : View("ContactForm", ContactForm.From(organisation!, contact));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/contacts/{contactId:int}/edit")]
    public async Task<IActionResult> EditContact(int id, int contactId, ContactForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await changes.UpdateContactAsync(id, contactId, form.ToInput(), cancellationToken);
        return await this.ShowResultAsync(result, "Contact details saved",
            () => RedirectToAction(nameof(Show), new { id }), () => InvalidContactAsync(id, contactId, form, cancellationToken));
    }

    /// <summary>The contact form again, with the errors ShowResult put in ModelState.</summary>
    private async Task<IActionResult> SetArchivedAsync(int id, bool archived, Func<string, string> banner, CancellationToken cancellationToken)
    {
        var result = await changes.SetArchivedAsync(id, archived, cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        this.ShowSuccess(banner(result.Value));
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<IActionResult> InvalidContactAsync(int id, int? contactId, ContactForm form, CancellationToken cancellationToken)
    {
        var organisation = await directory.GetAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        form.OrganisationId = id;
        form.OrganisationName = organisation.Name;
        form.ContactId = contactId;
        return View("ContactForm", form);
    }
}
