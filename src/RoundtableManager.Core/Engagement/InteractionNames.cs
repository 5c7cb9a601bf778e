namespace RoundtableManager.Core.Engagement;

public static class InteractionNames
{
    public static readonly IReadOnlyList<InteractionKind> Kinds = Enum.GetValues<InteractionKind>();

    public static string DisplayName(this InteractionKind kind) => kind switch
    {
        InteractionKind.Meeting => "Meeting",
        InteractionKind.Call => "Call",
        InteractionKind.Email => "Email",
        InteractionKind.Letter => "Letter",
        _ => "Other",
    };
}
