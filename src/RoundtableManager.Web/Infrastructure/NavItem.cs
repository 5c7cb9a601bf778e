namespace RoundtableManager.Web;

public sealed record NavItem(string Href, string Text, bool Active);
