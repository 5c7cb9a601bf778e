namespace RoundtableManager.Core.Roundtables;

public enum RoundtableStatus
{
    Draft,
    OpenForResponses,
    Closed,
    Held,
    Cancelled,
}
