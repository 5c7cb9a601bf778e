namespace RoundtableManager.Web.Engagement.Messages;

/// <summary>
/// Organisers write to a roundtable's people chosen by status: compose, check exactly who gets it, send (through the
/// outbox, one email per person). Staff and suppliers are refused by the policy.
/// </summary>
[Authorize(Policy = Policies.Organiser)]
[Route("roundtables/{id:int}/messages")]
public sealed class RoundtableMessagesController(RoundtableMessages messages, Core.Roundtables.RoundtableQueries roundtables) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        if (!this.NameRoundtable(id, await TitleAsync(id, cancellationToken)))
        {
            return NotFound();
        }

        return View(await messages.ListAsync(id, cancellationToken));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int id, CancellationToken cancellationToken) => await ComposeAsync(id, new MessageForm(), cancellationToken) ?? NotFound();

    [HttpPost("new")]
    public Task<IActionResult> New(int id, MessageForm form, CancellationToken cancellationToken) => SaveAsync(id, null, form, cancellationToken);

    [HttpGet("{messageId:int}/edit")]
    public async Task<IActionResult> Edit(int id, int messageId, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(id, messageId, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        return message.SentUtc is not null ? Redirect($"/roundtables/{id}/messages/{messageId}") : await ComposeAsync(id, MessageForm.From(message), cancellationToken) ?? NotFound();
    }

    [HttpPost("{messageId:int}/edit")]
    public Task<IActionResult> Edit(int id, int messageId, MessageForm form, CancellationToken cancellationToken) => SaveAsync(id, messageId, form, cancellationToken);

    /// <summary>The check page: the message and exactly who gets it, worked out now.</summary>
    [HttpGet("{messageId:int}/check")]
    public async Task<IActionResult> Check(int id, int messageId, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(id, messageId, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        if (message.SentUtc is not null)
        {
            return Redirect($"/roundtables/{id}/messages/{messageId}");
        }

        var recipients = await messages.RecipientsAsync(id, message.Groups, cancellationToken);
        return View("Check", new MessagePage(message, recipients, RoundtableMessages.Fingerprint(recipients)));
    }

    [HttpPost("{messageId:int}/send")]
    public async Task<IActionResult> Send(int id, int messageId, string? fingerprint, CancellationToken cancellationToken)
    {
        var result = await messages.SendAsync(id, messageId, fingerprint, Author(), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            this.ShowSuccess(result.Status == CommandStatus.Unchanged ? "This message had already been sent" : $"Message sent to {Plural.Count(result.Value, "person", "people")}");
            return Redirect($"/roundtables/{id}/messages/{messageId}");
        }

        // Nothing was sent: the check page again, as it is now, with the reason.
        this.ShowResult(result);
        var message = (await messages.GetAsync(id, messageId, cancellationToken))!;
        var recipients = await messages.RecipientsAsync(id, message.Groups, cancellationToken);
        return View("Check", new MessagePage(message, recipients, RoundtableMessages.Fingerprint(recipients)));
    }

    /// <summary>A sent message: what it said and who it went to.</summary>
    [HttpGet("{messageId:int}")]
    public async Task<IActionResult> Show(int id, int messageId, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(id, messageId, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        if (message.SentUtc is null)
        {
            return Redirect($"/roundtables/{id}/messages/{messageId}/check");
        }

        return View("Show", new MessagePage(message, await messages.SentToAsync(messageId, cancellationToken), null));
    }

    private async Task<IActionResult> SaveAsync(int id, int? messageId, MessageForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Id = messageId;
        var result = await messages.SaveDraftAsync(id, messageId, form.ToInput(), Author(), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (this.ShowResult(result))
        {
            return Redirect($"/roundtables/{id}/messages/{result.Value}/check");
        }

        return await ComposeAsync(id, form, cancellationToken) ?? NotFound();
    }

    private async Task<IActionResult?> ComposeAsync(int id, MessageForm form, CancellationToken cancellationToken)
    {
        var title = await TitleAsync(id, cancellationToken);
        if (title is null)
        {
            return null;
        }

        ViewData["Page"] = new ComposePage(id, title, await messages.GroupSizesAsync(id, cancellationToken));
        return View("Compose", form);
    }

    private Task<string?> TitleAsync(int id, CancellationToken cancellationToken) => roundtables.TitleAsync(id, cancellationToken);

    private MessageAuthor Author() => new(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, User.DisplayName());
}
