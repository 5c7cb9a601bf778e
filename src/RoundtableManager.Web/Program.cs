var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddRoundtableManager();
}
catch (ConfigurationProblemException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

var app = builder.Build();
app.UseRoundtableManager();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args, Console.In, Console.Out);
}

try
{
    await app.RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration problem: " + string.Join("; ", ex.Failures));
    return 1;
}

return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
