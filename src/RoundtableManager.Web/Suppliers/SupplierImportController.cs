namespace RoundtableManager.Web.Suppliers;

/// <summary>CSV import: upload, preview (saves nothing), confirm (one transaction), download the rows that failed.</summary>
[Authorize(Policy = Policies.Organiser)]
[Route("suppliers/import")]
public sealed class SupplierImportController(SupplierImportService imports) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public IActionResult Upload() => View("Import", new ImportUploadForm());

    [HttpPost("")]
    public async Task<IActionResult> Upload(ImportUploadForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        // A part that fails to bind (not a file) is treated as no file at all.
        ModelState.Clear();
        if (form.File is null)
        {
            ModelState.AddModelError(nameof(ImportUploadForm.File), "Select a CSV file");
            return View("Import", form);
        }

        await using var stream = form.File.OpenReadStream();
        var result = await imports.UploadAsync(UserId, form.File.FileName, stream, form.File.Length, cancellationToken);
        return this.ShowResult(result)
            ? RedirectToAction(nameof(Preview), new { id = result.Value })
            : View("Import", form);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Preview(Guid id, bool unknownTypesAsOther, string? show, int page, CancellationToken cancellationToken)
    {
        var preview = await imports.PreviewAsync(id, UserId, unknownTypesAsOther, cancellationToken);
        if (preview is null)
        {
            return NotFound();
        }

        var status = Enum.TryParse<ImportRowStatus>(show, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(show, out _) ? parsed : (ImportRowStatus?)null;
        var model = new ImportPreviewModel { Preview = preview, Show = status, Page = 1 };
        return View("ImportPreview", new ImportPreviewModel { Preview = preview, Show = status, Page = Math.Clamp(page, 1, model.TotalPages) });
    }

    [HttpPost("{id:guid}/confirm")]
    public async Task<IActionResult> Confirm(Guid id, bool unknownTypesAsOther, CancellationToken cancellationToken)
    {
        var result = await imports.ConfirmAsync(id, UserId, unknownTypesAsOther, cancellationToken);
        switch (result.Status)
        {
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Done:
                this.ShowSuccess($"Import complete: {result.Value}");
                break;
            case CommandStatus.Unchanged:
                this.ShowSuccess("This file has already been imported");
                break;
            case CommandStatus.Conflict:
                this.ShowProblem(result);
                break;
            default:
                // Expired: the preview says so.
                break;
        }

        return RedirectToAction(nameof(Preview), new { id });
    }

    [HttpGet("{id:guid}/errors")]
    public async Task<IActionResult> Errors(Guid id, bool unknownTypesAsOther, CancellationToken cancellationToken)
    {
        var csv = await imports.ErrorRowsCsvAsync(id, UserId, unknownTypesAsOther, cancellationToken);
        return csv is null ? NotFound() : File(csv, "text/csv; charset=utf-8", "rows-with-errors.csv");
    }
}
