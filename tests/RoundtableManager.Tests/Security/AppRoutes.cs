using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;

namespace RoundtableManager.Tests.Security;

/// <summary>A controller route as the app serves it: template (without a leading slash), method and who may use it.</summary>
public sealed record AppRoute(string Template, string Method, string? Policy, bool Anonymous)
{
    /// <summary>Every controller route, read from the app's own endpoint table (no list kept by hand).</summary>
    public static List<AppRoute> All(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .Where(e => !e.RoutePattern.RawText!.StartsWith("error", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new AppRoute(
                e.RoutePattern.RawText!.TrimStart('/'),
                method,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();
}
