using Microsoft.AspNetCore.Mvc.ModelBinding;
using RoundtableManager.Core.Common;

namespace RoundtableManager.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Shows Core's field errors beside their fields (and in the error summary), keyed as the form names them.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError>? errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in errors ?? [])
        {
            modelState.AddModelError(prefix + error.Field, error.Message);
        }
    }
}
