namespace RoundtableManager.Tests;

/// <summary>Names for data a test makes on a shared host, so two tests (or two runs of one) never meet on the same name.</summary>
public static class TestNames
{
    /// <summary>The name with six hex characters of a new GUID after it: "Strategic supplier 3f9a1c".</summary>
    public static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";
}
