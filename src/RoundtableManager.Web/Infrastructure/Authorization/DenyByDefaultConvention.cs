using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace RoundtableManager.Web.Infrastructure.Authorization;

/// <summary>
/// An action with neither a policy nor [AllowAnonymous] gets a policy nobody satisfies, so a forgotten
/// attribute fails closed. A test also fails on such an action, so this is the second line.
/// </summary>
public sealed class DenyByDefaultConvention : IApplicationModelConvention
{
    public void Apply(ApplicationModel application)
    {
        ArgumentNullException.ThrowIfNull(application);
        foreach (var controller in application.Controllers)
        {
            var controllerDeclares = Declares(controller.Attributes);
            foreach (var action in controller.Actions)
            {
                if (!controllerDeclares && !Declares(action.Attributes))
                {
                    foreach (var selector in action.Selectors)
                    {
                        selector.EndpointMetadata.Add(new AuthorizeAttribute(AuthorizationSetup.DenyAll));
                    }
                }
            }
        }
    }

    private static bool Declares(IEnumerable<object> attributes) =>
        attributes.Any(a => a is IAllowAnonymous || (a is IAuthorizeData data && !string.IsNullOrEmpty(data.Policy)));
}
