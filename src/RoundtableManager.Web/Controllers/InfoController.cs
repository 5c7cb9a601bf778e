using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace RoundtableManager.Web.Controllers;

/// <summary>Pages everyone may read: the accessibility statement, the privacy notice and the cookies page.</summary>
[AllowAnonymous]
public sealed class InfoController : Controller
{
    [HttpGet("accessibility")]
    public IActionResult Accessibility() => View();

    [HttpGet("privacy")]
    public IActionResult Privacy() => View();

    [HttpGet("cookies")]
    public IActionResult Cookies() => View();
}
