namespace RoundtableManager.Core.Controls;

public static class ControlNames
{
    public static readonly IReadOnlyList<ControlStatus> Statuses = Enum.GetValues<ControlStatus>();

    public static string DisplayName(this ControlStatus status) => status switch
    {
        ControlStatus.NotStarted => "Not started",
        ControlStatus.PartlyInPlace => "Partly in place",
        ControlStatus.InPlace => "In place",
        _ => "Not applicable",
    };

    public static string DisplayName(this ControlVerification verification) => verification switch
    {
        ControlVerification.Verified => "Verified",
        ControlVerification.Returned => "Returned",
        _ => "Not verified",
    };

    public static string DisplayName(this ControlEntryKind kind) => kind switch
    {
        ControlEntryKind.Answered => "Answered",
        ControlEntryKind.EvidenceAdded => "Evidence added",
        ControlEntryKind.Verified => "Verified",
        _ => "Returned",
    };

    /// <summary>Whether the answer needs a target date (it is not in place yet).</summary>
    public static bool NeedsTargetDate(this ControlStatus status) => status is ControlStatus.NotStarted or ControlStatus.PartlyInPlace;

    /// <summary>"3 February 2027".</summary>
    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>An email about a marked set: the subject starts with the marking, on one line.</summary>
    public static string MarkedSubject(TlpMarking? marking, string subject) => HeaderText.SingleLine((marking is { } m ? m.Label() + " " : "") + subject);

    /// <summary>An email about a marked set says so in its body too, which a forwarded or printed copy keeps.</summary>
    public static EmailBody MarkingNotice(this EmailBody body, TlpMarking? marking)
    {
        ArgumentNullException.ThrowIfNull(body);
        return marking is { } m ? body.Inset($"This control set is marked {m.Label()}: {(m == TlpMarking.Red ? "for the named recipients only" : m.Meaning())}.") : body;
    }
}

/// <summary>Who makes a change: a staff member, or a supplier's contact (with its organisation).</summary>
public sealed record ControlActor(string UserId, string Name, int? OrganisationId = null)
{
    public Actions.ActionActor AsEvidenceActor() => new(UserId, Name, OrganisationId);
}
