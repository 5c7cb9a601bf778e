using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RoundtableManager.Web.Controllers;

/// <summary>
/// GOV.UK-style pages for error statuses. Reached by re-execution, so it answers any method and skips the
/// antiforgery check (a failed POST is re-executed here as a POST).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(ILogger<ErrorController> logger) : Controller
{
    [Route("error/{code:int}")]
    public IActionResult Status(int code)
    {
        if (code == StatusCodes.Status500InternalServerError)
        {
            var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
            if (failure is not null)
            {
                // Personal invitation links carry their token in the path; it must never reach the log.
                var path = failure.Path.StartsWith("/invitation/", StringComparison.OrdinalIgnoreCase) ? "/invitation/(token withheld)" : failure.Path;
                logger.LogError(failure.Error, "Unhandled exception on {Path}", path);
            }
        }

        var shown = code is 400 or 403 or 404 or 405 or 429 or 500 or 503 ? code : (code >= 500 ? 500 : 400);
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        return View("Status", shown);
    }
}
