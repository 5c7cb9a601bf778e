namespace RoundtableManager.Core.Suppliers;

public enum OrganisationType
{
    ManagedServiceProvider = 1,
    SystemsIntegrator = 2,
    Other = 3,
}

public static class OrganisationTypeNames
{
    public static string DisplayName(this OrganisationType type) => type switch
    {
        OrganisationType.ManagedServiceProvider => "Managed service provider",
        OrganisationType.SystemsIntegrator => "Systems integrator",
        _ => "Other",
    };
}
