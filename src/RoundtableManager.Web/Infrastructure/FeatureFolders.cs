using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Views live beside their controller. A controller in the namespace RoundtableManager.Web.Actions.Portal finds its
/// views in /Actions/Portal/Views/{controller}/, then the shared views of its folder and of each folder above it
/// (/Actions/Portal/Views/Shared/, /Actions/Views/Shared/), then /Shared/. The folder comes from the namespace, so a
/// controller and its views move together; areas (the portal) only change URLs, never where views are.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string FolderKey = "feature-folder";
    private const string RootNamespace = "RoundtableManager.Web.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor controller)
        {
            context.Values[FolderKey] = FolderOf(controller.ControllerTypeInfo.Namespace);
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Values.TryGetValue(FolderKey, out var folder) || string.IsNullOrEmpty(folder))
        {
            return viewLocations;
        }

        var locations = new List<string> { $"/{folder}/Views/{{1}}/{{0}}{RazorViewEngine.ViewExtension}" };
        for (var current = folder; current.Length > 0; current = current.Contains('/', StringComparison.Ordinal) ? current[..current.LastIndexOf('/')] : "")
        {
            locations.Add($"/{current}/Views/Shared/{{0}}{RazorViewEngine.ViewExtension}");
        }

        return locations.Concat(viewLocations);
    }

    /// <summary>"RoundtableManager.Web.Actions.Portal" to "Actions/Portal"; null outside the web project's namespaces.</summary>
    internal static string? FolderOf(string? controllerNamespace) =>
        controllerNamespace is not null && controllerNamespace.StartsWith(RootNamespace, StringComparison.Ordinal)
            ? controllerNamespace[RootNamespace.Length..].Replace('.', '/')
            : null;
}

public static class FeatureFolders
{
    /// <summary>Feature folders first (<see cref="FeatureViewLocationExpander"/>), then /Shared/ for the layout and partials every page uses.</summary>
    public static IMvcBuilder AddFeatureFolders(this IMvcBuilder mvc)
    {
        ArgumentNullException.ThrowIfNull(mvc);
        return mvc.AddRazorOptions(options =>
        {
            options.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
            const string shared = "/Shared/{0}.cshtml";
            options.ViewLocationFormats.Add(shared);
            options.AreaViewLocationFormats.Add(shared);
        });
    }
}
