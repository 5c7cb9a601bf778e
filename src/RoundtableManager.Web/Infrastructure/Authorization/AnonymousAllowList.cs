namespace RoundtableManager.Web.Infrastructure.Authorization;

/// <summary>The short, explicit list of controller actions anyone may reach without signing in. A test holds the code to it.</summary>
public static class AnonymousAllowList
{
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal)
    {
        "Account.SignIn",
        "Account.SignedOut",
        "Account.SignInCode",
        "Account.SignInRecoveryCode",
        "Account.SetPassword",
        "SingleSignOn.Start",
        "SingleSignOn.Complete",
        "SingleSignOn.Failed",
        "Home.Index",
        "Info.Accessibility",
        "Info.Privacy",
        "Info.Cookies",
        "Error.Status",
        "InvitationLinks.Open",
        "InvitationLinks.Continue",
        "InvitationLinks.Account",
        "InvitationLinks.NewLink",
    };
}
