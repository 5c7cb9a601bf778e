using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Static files (GOV.UK Frontend's stylesheet and scripts, ours, its fonts and images) go out compressed and, when the
/// URL carries the <c>asp-append-version</c> hash, cached for a year: a supplier on a slow connection downloads the
/// 120 KB stylesheet once, as about a sixth of that. Pages are never compressed: they carry antiforgery tokens next to
/// what people typed, which is what BREACH needs over HTTPS.
/// </summary>
public static class StaticAssets
{
    private static readonly string[] Folders = ["/lib", "/css", "/js", "/assets"];

    /// <summary>Text types worth compressing; fonts (woff2) and PNGs are compressed already.</summary>
    private static readonly string[] CompressedTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "application/manifest+json"];

    public static IServiceCollection AddStaticAssetCompression(this IServiceCollection services) =>
        services.AddResponseCompression(options =>
        {
            // Safe over HTTPS only because UseStaticAssets applies it to static files alone (see the class summary).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });

    public static IApplicationBuilder UseStaticAssets(this IApplicationBuilder app)
    {
        app.UseWhen(context => IsStatic(context.Request.Path), assets => assets.UseResponseCompression());
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                // A versioned URL changes whenever the file does, so the browser need not ask again.
                file.Context.Response.Headers.CacheControl = file.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=3600";
            },
        });
    }

    private static bool IsStatic(PathString path) => Array.Exists(Folders, folder => path.StartsWithSegments(folder, StringComparison.OrdinalIgnoreCase));
}
