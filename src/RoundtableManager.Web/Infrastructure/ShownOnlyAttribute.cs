using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// On a form model: what the page shows but never reads back from the request (the roundtable, the choices offered).
/// It is not bound, so a posted value cannot set it, and not validated, so its absence on a post is no error; the
/// action fills it in again. The same as <c>[BindNever]</c> with <c>[ValidateNever]</c>, said once.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShownOnlyAttribute() : BindingBehaviorAttribute(BindingBehavior.Never), IPropertyValidationFilter
{
    public bool ShouldValidateEntry(ValidationEntry entry, ValidationEntry parentEntry) => false;
}
