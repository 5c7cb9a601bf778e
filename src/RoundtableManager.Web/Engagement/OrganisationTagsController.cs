namespace RoundtableManager.Web.Engagement;

/// <summary>Organisers give tags to organisations: one at a time on the organisation's page, or many at once from the directory.</summary>
[Authorize(Policy = Policies.Organiser)]
[Route("suppliers")]
public sealed class OrganisationTagsController(TagCommands changes, SupplierDirectoryQueries directory, TagQueries tags) : Controller
{
    [HttpPost("{id:int}/tags")]
    public async Task<IActionResult> Add(int id, int? tagId, CancellationToken cancellationToken)
    {
        var result = await changes.AddAsync(id, tagId, cancellationToken);
        return result.Status switch
        {
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Invalid => BadRequest(),
            _ => Back(id, "Tag added"),
        };
    }

    [HttpPost("{id:int}/tags/{tagId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int tagId, CancellationToken cancellationToken)
    {
        var result = await changes.RemoveAsync(id, tagId, cancellationToken);
        return result.Status == CommandStatus.NotFound ? NotFound() : Back(id, "Tag removed");
    }

    /// <summary>
    /// The directory's bulk form: a tag, add or remove, and either the boxes ticked on the page shown or every
    /// organisation matching the filter (worked out on the server, so the form never holds more than one page of ids).
    /// </summary>
    [HttpPost("tags")]
    public async Task<IActionResult> Bulk(BulkTagForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var filter = form.Filter();
        var targets = form.Scope == BulkTagForm.AllMatching ? new TagTargets(null, filter.ToQuery()) : new TagTargets(form.Ids, null);
        var result = await changes.BulkAsync(form.TagId, form.Operation != BulkTagForm.Remove, targets, cancellationToken);
        if (this.ShowResult(result, BulkTagForm.Banner(form.Operation != BulkTagForm.Remove, result.Value)))
        {
            return Redirect(filter.Url(page: form.Page));
        }

        // Nothing changed: the directory again with the error, the filter, the tag and the ticked boxes kept.
        var model = await filter.LoadAsync(directory, tags, form.Page, cancellationToken);
        model.Bulk = form;
        return View("~/Suppliers/Views/Suppliers/Index.cshtml", model);
    }

    private RedirectResult Back(int id, string banner)
    {
        this.ShowSuccess(banner);
        return Redirect($"/suppliers/{id}#tags");
    }
}
