using Microsoft.AspNetCore.Builder;

namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// Keeps every HTML page the app sends to the browser while a journey records, exactly as it went over the wire (read
/// in the browser, a page's body is gone once the journey has moved on). Each app has a recorder of its own, and the
/// journeys of one browser collection (one app) run one at a time, so what is recorded between <see cref="Start"/> and
/// <see cref="Stop"/> is that journey's.
/// </summary>
public sealed class PageRecorder : IStartupFilter
{
    private readonly List<SavedPage> _pages = [];
    private bool _recording;

    public void Start()
    {
        lock (_pages)
        {
            _pages.Clear();
            _recording = true;
        }
    }

    public IReadOnlyList<SavedPage> Stop()
    {
        lock (_pages)
        {
            _recording = false;
            return [.. _pages];
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            // Only what a browser asks for as a page; scripts, styles and images pass straight through.
            if (!_recording || !context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
            {
                await nextMiddleware(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await nextMiddleware(context);
                // Kept before the browser gets the last byte, so a journey that ends on this page finds it recorded.
                if (buffer.Length > 0 && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    && string.IsNullOrEmpty(context.Response.Headers.ContentEncoding))
                {
                    var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}");
                    lock (_pages)
                    {
                        _pages.Add(new SavedPage(url, Encoding.UTF8.GetString(buffer.ToArray())));
                    }
                }
            }
            finally
            {
                context.Response.Body = original;
                buffer.Position = 0;
                await buffer.CopyToAsync(original);
            }
        });
        next(app);
    };
}
