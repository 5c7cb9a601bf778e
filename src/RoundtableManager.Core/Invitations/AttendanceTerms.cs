namespace RoundtableManager.Core.Invitations;

/// <summary>What each delegate agrees to. Change the version whenever the text changes: agreements record it.</summary>
public static class AttendanceTerms
{
    public const string Version = "2026-11";

    public static readonly IReadOnlyList<string> Paragraphs =
    [
        "Competition law: delegates must not share or discuss commercially sensitive information, such as prices, bids, margins or plans for future tenders. The roundtable discusses contracting and security controls in general, not any procurement.",
        "Chatham House Rule: delegates may use the information they receive, but must not reveal who said it or which organisation they represent.",
    ];
}
