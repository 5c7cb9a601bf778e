namespace RoundtableManager.Web.Engagement;

/// <summary>Organisers define the tags (segments) given to organisations. Staff see them on the directory; suppliers never do.</summary>
[Authorize(Policy = Policies.Organiser)]
[Route("tags")]
public sealed class TagsController(TagQueries tags, TagCommands changes) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await tags.ListAsync(cancellationToken));

    [HttpGet("new")]
    public IActionResult New() => View("TagForm", new TagForm());

    [HttpPost("new")]
    public async Task<IActionResult> New(TagForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await changes.CreateAsync(form.ToInput(), cancellationToken);
        return this.ShowResult(result, $"Tag {TextRules.SingleLine(form.Name)} created") ? RedirectToAction(nameof(Index)) : View("TagForm", form);
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await tags.GetAsync(id, cancellationToken) is { } tag ? View("TagForm", new TagForm { Id = id, Name = tag.Name, Description = tag.Description }) : NotFound();

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, TagForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Id = id;
        var result = await changes.UpdateAsync(id, form.ToInput(), cancellationToken);
        return this.ShowResult(result, "Tag saved", () => RedirectToAction(nameof(Index)), () => View("TagForm", form));
    }

    /// <summary>The confirmation page: says how many organisations carry the tag before it goes.</summary>
    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await tags.GetAsync(id, cancellationToken));

    [HttpPost("{id:int}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var result = await changes.DeleteAsync(id, cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        this.ShowSuccess($"Tag {result.Value} deleted");
        return RedirectToAction(nameof(Index));
    }
}
