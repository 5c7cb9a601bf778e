using Microsoft.AspNetCore.Diagnostics;

namespace RoundtableManager.Web.Errors;

/// <summary>
/// GOV.UK-style pages for error statuses. Reached by re-execution, so it answers any method and skips the
/// antiforgery check (a failed POST is re-executed here as a POST). The action has no parameters, so MVC binds nothing:
/// binding builds every value provider first, the form's included, and a failed POST's form that is too large to read
/// would make it fail (the code read as 0).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(ILogger<ErrorController> logger) : Controller
{
    [Route("error/{code:int}")]
    public IActionResult Status()
    {
        var code = Convert.ToInt32(RouteData.Values["code"], System.Globalization.CultureInfo.InvariantCulture);
        if (code == StatusCodes.Status500InternalServerError)
        {
            var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
            if (failure is not null && IsDatabaseBusy(failure.Error))
            {
                // The change was rolled back with its transaction; the person only needs to try again shortly.
                logger.LogWarning("The database was busy; the request was refused with 503");
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                Response.Headers.RetryAfter = "5";
                return View("Status", 5031);
            }

            if (failure is not null)
            {
                // Personal invitation and feedback links carry their token in the path; it must never reach the log.
                var path = failure.Path.StartsWith("/invitation/", StringComparison.OrdinalIgnoreCase) ? "/invitation/(token withheld)"
                    : failure.Path.StartsWith("/feedback/", StringComparison.OrdinalIgnoreCase) ? "/feedback/(token withheld)" : failure.Path;
                logger.LogError(failure.Error, "Unhandled exception on {Path}", path);
            }
        }

        if (code == StatusCodes.Status400BadRequest && HttpContext.Items.ContainsKey(Infrastructure.ProxySetup.HttpsRequiredItem))
        {
            Response.StatusCode = code;
            return View("Status", 4001);
        }

        var shown = code is 400 or 403 or 404 or 405 or 413 or 429 or 500 or 503 ? code : (code >= 500 ? 500 : 400);
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        return View("Status", shown);
    }

    /// <summary>SQLite's "database is locked/busy" after its busy timeout, or SQL Server's lock timeout or deadlock.</summary>
    private static bool IsDatabaseBusy(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                || e is Microsoft.Data.SqlClient.SqlException { Number: 1222 or 1205 or -2 })
            {
                return true;
            }
        }

        return false;
    }
}
