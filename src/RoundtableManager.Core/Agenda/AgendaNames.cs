namespace RoundtableManager.Core.Agenda;

public static class AgendaNames
{
    public static readonly IReadOnlyList<AgendaCategory> Categories = Enum.GetValues<AgendaCategory>();

    public static readonly IReadOnlyList<TlpMarking> Markings = Enum.GetValues<TlpMarking>();

    public static string DisplayName(this AgendaCategory category) => category switch
    {
        AgendaCategory.Contracting => "Contracting",
        AgendaCategory.SecurityControls => "Security controls",
        AgendaCategory.ThreatBriefing => "Threat briefing",
        _ => "Other",
    };

    /// <summary>The marking as TLP 2.0 writes it, such as "TLP:AMBER+STRICT".</summary>
    public static string Label(this TlpMarking marking) => "TLP:" + marking switch
    {
        TlpMarking.Clear => "CLEAR",
        TlpMarking.Green => "GREEN",
        TlpMarking.Amber => "AMBER",
        TlpMarking.AmberStrict => "AMBER+STRICT",
        _ => "RED",
    };

    /// <summary>The marking as a file name can carry it, such as "tlp-amber-strict".</summary>
    public static string FileNamePart(this TlpMarking marking) =>
        marking.Label().Replace("TLP:", "tlp-", StringComparison.Ordinal).Replace('+', '-').ToLowerInvariant();

    public static string Meaning(this TlpMarking marking) => marking switch
    {
        TlpMarking.Clear => "may be shared without restriction",
        TlpMarking.Green => "may be shared within the community, not publicly",
        TlpMarking.Amber => "may be shared within your organisation and its clients on a need-to-know basis",
        TlpMarking.AmberStrict => "may be shared only within your organisation on a need-to-know basis",
        _ => "for the people present only; suppliers see the title only",
    };

    public static string DisplayName(this ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "Waiting for a decision",
        ProposalStatus.Accepted => "Accepted",
        ProposalStatus.Merged => "Merged with a similar topic",
        _ => "Declined",
    };

    public static string DisplayName(this ReferenceKind kind) => kind switch
    {
        ReferenceKind.CafObjective => "NCSC Cyber Assessment Framework objective",
        ReferenceKind.CyberEssentials => "Cyber Essentials control",
        _ => "Other reference",
    };
}
