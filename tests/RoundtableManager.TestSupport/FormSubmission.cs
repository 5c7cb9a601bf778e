using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace RoundtableManager.TestSupport;

/// <summary>Where a click led: the final status and page after any redirects, and how many values the form sent.</summary>
public sealed record ClickResult(HttpStatusCode Status, IDocument Page, string Url, int ValuesSent);

/// <summary>Uses a page as a person in a browser would: follows a link, or presses a button and sends its form as it stands.</summary>
public static class FormSubmission
{
    /// <summary>
    /// Presses the button (or follows the link) whose text starts with <paramref name="text"/>. A button sends its
    /// form's current values (hidden and filled fields, ticked boxes, chosen options, the button's own name) to its
    /// form action, or its formaction. Redirects are followed, as a browser does.
    /// </summary>
    public static async Task<ClickResult> ClickAsync(this HttpClient client, IDocument page, string text)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var control = page.QuerySelectorAll("main a, main button, main input[type=submit]")
            .FirstOrDefault(e => (e is IHtmlInputElement input ? input.Value : e.TextContent).Trim().StartsWith(text, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link or button \"{text}\" on {page.Url}: {page.QuerySelector("h1")?.TextContent.Trim()}");
        if (control is IHtmlAnchorElement link)
        {
            return await FollowAsync(client, HttpMethod.Get, link.GetAttribute("href")!, null, 0);
        }

        var form = control.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"\"{text}\" is not in a form");
        var values = Values(form);
        if (control.GetAttribute("name") is { Length: > 0 } name)
        {
            values.Add(new(name, control.GetAttribute("value") ?? ""));
        }

        var action = control.GetAttribute("formaction") ?? form.GetAttribute("action") ?? new Uri(page.Url).PathAndQuery;
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            var query = string.Join('&', values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
            return await FollowAsync(client, HttpMethod.Get, action.Split('?')[0] + "?" + query, null, values.Count);
        }

        return await FollowAsync(client, HttpMethod.Post, action, values, values.Count);
    }

    public static async Task<ClickResult> OpenAsync(this HttpClient client, string url) => await FollowAsync(client, HttpMethod.Get, url, null, 0);

    private static async Task<ClickResult> FollowAsync(HttpClient client, HttpMethod method, string url, List<KeyValuePair<string, string>>? values, int sent)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (values is not null)
        {
            request.Content = new FormUrlEncodedContent(values);
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            var next = await FollowAsync(client, HttpMethod.Get, response.Headers.Location!.OriginalString, null, 0);
            return next with { ValuesSent = sent };
        }

        var page = await response.ToDocumentAsync();
        return new ClickResult(response.StatusCode, page, url, sent);
    }

    /// <summary>What the browser would send as the form stands: hidden and filled fields, ticked boxes, chosen options.</summary>
    public static List<KeyValuePair<string, string>> Values(IHtmlFormElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    values.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "file" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement { IsMultiple: true } select:
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
            }
        }

        return values;
    }
}
