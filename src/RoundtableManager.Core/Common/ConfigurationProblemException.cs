namespace RoundtableManager.Core.Common;

/// <summary>A setting has a value the app cannot run with. The message names the configuration key.</summary>
public sealed class ConfigurationProblemException : Exception
{
    public ConfigurationProblemException(string key, string problem)
        : base($"Configuration problem: {key} {problem}")
    {
        Key = key;
    }

    public ConfigurationProblemException()
    {
        Key = "";
    }

    public ConfigurationProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "";
    }

    public string Key { get; }
}
