namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// What <c>dotnet RoundtableManager.Web.dll</c> runs (Program.cs): the web server, or a verb (<see cref="CommandLine"/>).
/// A bad setting stops it with exit code 1 and one "Configuration problem: ..." line on the error output, not a stack
/// trace. Tests also run it in-process for the refusals of bad settings, each of which cost a process of its own before.
/// </summary>
public static class AppEntry
{
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var builder = WebApplication.CreateBuilder(args);
        try
        {
            builder.AddRoundtableManager();
        }
        catch (ConfigurationProblemException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        var app = builder.Build();
        app.UseRoundtableManager();

        if (CommandLine.IsCommand(args))
        {
            return await CommandLine.RunAsync(app, args, input, output);
        }

        try
        {
            await app.RunAsync();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await error.WriteLineAsync("Configuration problem: " + string.Join("; ", ex.Failures));
            return 1;
        }

        return 0;
    }
}
