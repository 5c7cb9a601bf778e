namespace RoundtableManager.Web.Infrastructure;

public sealed class DemoDataOptions
{
    public const string SectionName = "DemoData";

    /// <summary>Seed demo accounts and data into an empty database. Honoured in Development only.</summary>
    public bool Seed { get; set; }
}
