namespace RoundtableManager.Web.Dashboard;

[Authorize(Policy = Policies.Staff)]
public sealed class DashboardController(RoundtableQueries roundtables, TimeProvider time) : Controller
{
    [HttpGet("dashboard")]
    public async Task<IActionResult> Index(int upcoming = 1, int past = 1, CancellationToken cancellationToken = default) =>
        View(await roundtables.DashboardAsync(time.GetUtcNow().UtcDateTime, upcoming, past, cancellationToken));
}
