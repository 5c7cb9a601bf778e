namespace RoundtableManager.Core.Identity;

public static class Roles
{
    public const string Organiser = "Organiser";
    public const string Staff = "Staff";
    public const string Supplier = "Supplier";

    public static readonly IReadOnlyList<string> All = [Organiser, Staff, Supplier];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
