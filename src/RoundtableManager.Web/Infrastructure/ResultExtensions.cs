using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// The one way a page shows what a write did: on success a GOV.UK success banner on the next page (Post/Redirect/Get,
/// carried in TempData and shown by the layout); otherwise Core's field errors beside their fields and in the error
/// summary.
/// </summary>
public static class ResultExtensions
{
    private const string SuccessKey = "Success";
    private const string ProblemKey = "Problem";

    /// <summary>Shows <paramref name="banner"/> in a success banner on the next page this browser gets.</summary>
    public static void ShowSuccess(this Controller controller, string banner)
    {
        ArgumentNullException.ThrowIfNull(controller);
        controller.TempData[SuccessKey] = banner;
    }

    /// <summary>
    /// After a write: true when it succeeded (showing <paramref name="banner"/>, if any, on the next page); otherwise
    /// false, with its errors added to ModelState (field names after <paramref name="prefix"/>).
    /// </summary>
    public static bool ShowResult(this Controller controller, CommandResult result, string? banner = null, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            if (banner is not null)
            {
                controller.ShowSuccess(banner);
            }

            return true;
        }

        controller.ModelState.AddFieldErrors(result.Errors, prefix);
        return false;
    }

    /// <summary>
    /// The end of a form's POST, all three ways: 404 when what it changes is not there; on success the banner (if any)
    /// and <paramref name="done"/> (Post/Redirect/Get); otherwise the errors beside their fields and <paramref name="again"/>.
    /// </summary>
    public static IActionResult ShowResult(this Controller controller, CommandResult result, string? banner, Func<IActionResult> done, Func<IActionResult> again)
    {
        ArgumentNullException.ThrowIfNull(again);
        return NotFoundOrDone(controller, result, banner, done) ?? again();
    }

    /// <inheritdoc cref="ShowResult(Controller, CommandResult, string?, Func{IActionResult}, Func{IActionResult})"/>
    public static async Task<IActionResult> ShowResultAsync(
        this Controller controller, CommandResult result, string? banner, Func<IActionResult> done, Func<Task<IActionResult>> again)
    {
        ArgumentNullException.ThrowIfNull(again);
        return NotFoundOrDone(controller, result, banner, done) ?? await again();
    }

    /// <summary>404, or the banner and <paramref name="done"/>; null when the form is to be shown again with its errors.</summary>
    private static IActionResult? NotFoundOrDone(Controller controller, CommandResult result, string? banner, Func<IActionResult> done)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(done);
        if (result.Status == CommandStatus.NotFound)
        {
            return controller.NotFound();
        }

        return controller.ShowResult(result, banner) ? done() : null;
    }

    /// <summary>
    /// Names the roundtable a page belongs to for its view (ViewData "RoundtableTitle", the caption, and "RoundtableId",
    /// for its links); false when <paramref name="title"/> is null (no such roundtable, or none this person may see: 404).
    /// </summary>
    public static bool NameRoundtable(this Controller controller, int roundtableId, string? title)
    {
        ArgumentNullException.ThrowIfNull(controller);
        controller.ViewData["RoundtableTitle"] = title;
        controller.ViewData["RoundtableId"] = roundtableId;
        return title is not null;
    }

    /// <summary>A page of something looked up: its view, or 404 when there is no such thing (or none this person may see).</summary>
    public static IActionResult ViewOrNotFound(this Controller controller, object? model)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return model is null ? controller.NotFound() : controller.View(model);
    }

    /// <summary>A page built from something looked up: 404 when there is no such thing (or none this person may see), else the view of what <paramref name="page"/> builds from it.</summary>
    public static async Task<IActionResult> ViewOrNotFoundAsync<T>(this Controller controller, T? found, Func<T, Task<object>> page)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(page);
        return found is null ? controller.NotFound() : controller.View(await page(found));
    }

    /// <summary>Shows Core's field errors beside their fields (and in the error summary), keyed as the form names them.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError>? errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in errors ?? [])
        {
            modelState.AddModelError(error.Field.Length == 0 ? "" : prefix + error.Field, error.Message);
        }
    }

    /// <summary>
    /// A refusal whose page redirects rather than showing the form again (Post/Redirect/Get): its problem goes to the next
    /// page, which shows it at the top (<see cref="TakeProblem"/>).
    /// </summary>
    public static void ShowProblem(this Controller controller, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        controller.TempData[ProblemKey] = result.Problem;
    }

    /// <summary>The problem carried from the previous request, read once.</summary>
    public static string? TakeProblem(this ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[ProblemKey] as string;
    }

    /// <summary>The banner for this page, read once (the layout calls it).</summary>
    public static string? TakeSuccessBanner(this ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[SuccessKey] as string;
    }
}
