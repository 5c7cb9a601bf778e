namespace RoundtableManager.Web.Dashboard;

public sealed class HomeController : Controller
{
    /// <summary>The service's front door: each role lands on its own home; anyone else is asked to sign in.</summary>
    [AllowAnonymous]
    [HttpGet("/")]
    public IActionResult Index()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return RedirectToAction(nameof(AccountController.SignIn), "Account");
        }

        return User.IsInRole(Roles.Supplier)
            ? RedirectToAction("Index", "Home", new { area = "Portal" })
            : RedirectToAction(nameof(DashboardController.Index), "Dashboard");
    }
}
