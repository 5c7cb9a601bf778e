namespace RoundtableManager.Core.Roundtables;

public enum RoundtableStatus
{
    Draft = 0,
    OpenForResponses = 1,
    Closed = 2,
    Held = 3,
    Cancelled = 4,
}
