using Microsoft.Net.Http.Headers;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Every text response names its character set (ASVS 4.1.1), whoever wrote it: our pages and exports, the health check,
/// static files and the Hangfire dashboard. Everything the service sends as text is UTF-8 (a test holds the files in
/// <c>wwwroot</c> to that), so a text type without a charset gets <c>charset=utf-8</c> added just before the headers go.
/// </summary>
public static class TextCharset
{
    public static IApplicationBuilder UseUtf8TextCharset(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (NeedsCharset(response.ContentType))
                {
                    response.ContentType += "; charset=utf-8";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>text/*, XML and JSON types, and JavaScript, when no charset is named.</summary>
    public static bool NeedsCharset(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || type.Charset.HasValue)
        {
            return false;
        }

        var media = type.MediaType.Value ?? "";
        return media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);
    }
}
