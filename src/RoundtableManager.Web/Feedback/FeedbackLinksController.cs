using NetEscapades.AspNetCore.SecurityHeaders;

namespace RoundtableManager.Web.Feedback;

/// <summary>
/// A delegate's personal feedback link: anyone holding it may answer, without an account. Opening the link only checks
/// it (mail scanners fetch links) and moves its token into a protected cookie, leaving a clean address; the form is a
/// GET, and only its POST records an answer. An unknown, expired or withdrawn link gets one "not valid" page and 404.
/// </summary>
public sealed class FeedbackLinksController(FeedbackLinks links, FeedbackLinkCookie cookie) : Controller
{
    [AllowAnonymous]
    [HttpGet("feedback/{token}")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    [RateLimit(RateLimits.InvitationLink)]
    public async Task<IActionResult> Open(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var hash = await links.OpenAsync(token, cancellationToken);
        if (hash is null)
        {
            return NotValid("feedback link not valid (unknown, expired or withdrawn)");
        }

        cookie.Set(HttpContext, hash);
        return Redirect("/feedback");
    }

    [AllowAnonymous]
    [HttpGet("feedback")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    public async Task<IActionResult> Form(CancellationToken cancellationToken)
    {
        var form = await links.FindAsync(cookie.Get(HttpContext), cancellationToken);
        return form is null
            ? NotValid("feedback link not valid (unknown, expired, withdrawn or missing)")
            : View(new FeedbackFormPage(form, FeedbackAnswerForm.From(form)));
    }

    [AllowAnonymous]
    [HttpPost("feedback")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    [RateLimit(RateLimits.InvitationLink)]
    public async Task<IActionResult> Form([Bind(Prefix = "Answer")] FeedbackAnswerForm answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var hash = cookie.Get(HttpContext);
        var result = await links.AnswerAsync(hash, answer.ToAnswer(), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotValid("feedback answer refused: link not valid (unknown, expired, withdrawn or missing)");
        }

        if (this.ShowResult(result, "Thank you. Your feedback has been saved.", prefix: "Answer."))
        {
            return Redirect("/feedback");
        }

        var form = await links.FindAsync(hash, cancellationToken);
        return form is null ? NotValid("feedback link stopped working") : View(new FeedbackFormPage(form, answer));
    }

    private ViewResult NotValid(string reason)
    {
        cookie.Clear(HttpContext);
        HttpContext.NoteRefusal(reason);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("NotValid");
    }
}
