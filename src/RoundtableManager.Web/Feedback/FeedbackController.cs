namespace RoundtableManager.Web.Feedback;

/// <summary>Marking a roundtable held (which sends the feedback links) and what the people who were there said.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("roundtables/{id:int}")]
public sealed class FeedbackController(FeedbackQueries queries, FeedbackService feedback, TimeProvider time) : Controller
{
    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("held")]
    public async Task<IActionResult> Held(int id, CancellationToken cancellationToken)
    {
        var view = await queries.MarkHeldViewAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var closesOn = view.Roundtable.FeedbackClosesUtc is { } closes && closes > now ? FeedbackRules.ClosingDate(closes) : FeedbackRules.DefaultClosingDate(now);
        return View(new MarkHeldPage(view, new MarkHeldForm { ClosesOn = DateInput.From(closesOn) }, FeedbackService.CannotMarkHeld(view.Roundtable, now)));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("held")]
    public async Task<IActionResult> Held(int id, [Bind(Prefix = "Form")] MarkHeldForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var closesOn = form.Parse(ModelState);
        if (closesOn is not null)
        {
            var result = await feedback.MarkHeldAsync(id, closesOn.Value, cancellationToken);
            if (result.Status == CommandStatus.NotFound)
            {
                return NotFound();
            }

            var banner = $"Feedback is open until {FeedbackRules.FormatClosing(FeedbackRules.ClosesUtc(closesOn.Value))}. "
                + (result.Value == 0 ? "No new feedback links were needed." : $"A feedback link is on its way to {Plural.Count(result.Value, "person", "people")}.");
            if (this.ShowResult(result, banner, prefix: "Form."))
            {
                return RedirectToAction(nameof(Results), new { id });
            }
        }

        var view = await queries.MarkHeldViewAsync(id, cancellationToken);
        return view is null ? NotFound() : View(new MarkHeldPage(view, form, FeedbackService.CannotMarkHeld(view.Roundtable, time.GetUtcNow().UtcDateTime)));
    }

    [HttpGet("feedback")]
    public async Task<IActionResult> Results(int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await queries.ResultsAsync(id, cancellationToken));

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("feedback/{requestId:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, int requestId, CancellationToken cancellationToken)
    {
        if (!this.ShowResult(await feedback.RevokeAsync(id, requestId, cancellationToken), "Feedback link withdrawn. It no longer works, and any answer given with it is not counted."))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Results), new { id });
    }
}
