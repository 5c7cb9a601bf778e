namespace RoundtableManager.Web.Info;

/// <summary>Pages everyone may read: the accessibility statement, the privacy notice and the cookies page.</summary>
[AllowAnonymous]
public sealed class InfoController(IOptions<RetentionOptions> retention) : Controller
{
    [HttpGet("accessibility")]
    public IActionResult Accessibility() => View();

    [HttpGet("privacy")]
    public IActionResult Privacy() => View(retention.Value);

    [HttpGet("cookies")]
    public IActionResult Cookies() => View();
}
