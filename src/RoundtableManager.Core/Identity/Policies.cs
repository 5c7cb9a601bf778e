namespace RoundtableManager.Core.Identity;

/// <summary>Authorization policy names. Every controller action names one of these or is explicitly anonymous.</summary>
public static class Policies
{
    /// <summary>Organisers only: everything for a roundtable, users, invitations.</summary>
    public const string Organiser = "Organiser";

    /// <summary>Government people: organisers and staff.</summary>
    public const string Staff = "Staff";

    /// <summary>Supplier contacts with an organisation.</summary>
    public const string Supplier = "Supplier";

    /// <summary>Any signed-in account, whatever its role.</summary>
    public const string SignedIn = "SignedIn";
}
