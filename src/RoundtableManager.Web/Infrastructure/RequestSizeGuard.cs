using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// A form whose declared size is over what its endpoint accepts (an evidence file over the request limit, a supplier
/// list over the server's) is answered 413 before anything reads it. Otherwise the antiforgery check, which reads the
/// form first, fails on it and the person is told the page was open too long, which sending again cannot fix.
/// </summary>
public static class RequestSizeGuard
{
    public static IApplicationBuilder UseRequestSizeGuard(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Not when the error page itself is being rendered for this request (same headers, so same length).
            if (context.Request.ContentLength is { } length
                && context.Features.Get<IStatusCodeReExecuteFeature>() is null
                && (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize) is { } limit
                && length > limit)
            {
                // Status code pages show the GOV.UK page for it; the rest of the body is never read.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
}
