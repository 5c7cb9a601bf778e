namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Where one-off messages for the person running the app go (demo passwords, command output): the console,
/// never the log, because logs are kept and shipped. Tests swap in their own writer.
/// </summary>
public class OperatorConsole
{
    public virtual TextWriter Out => Console.Out;
}
