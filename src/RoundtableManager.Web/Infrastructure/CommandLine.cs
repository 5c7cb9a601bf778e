namespace RoundtableManager.Web.Infrastructure;

/// <summary>Verbs run instead of the web server: <c>create-user</c> and <c>migrate</c>.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["create-user", "migrate", .. Operations.BackupCommands.Verbs];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        await using var scope = app.Services.CreateAsyncScope();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        switch (args[0])
        {
            case "migrate":
                await DatabaseInitializer.PrepareAsync(scope.ServiceProvider, applySqlServerMigrations: true, cancellation.Token);
                var database = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
                if (database.Provider == DatabaseProvider.SqlServer)
                {
                    Core.Jobs.JobsServiceCollectionExtensions.InstallSqlServerSchema(database.ConnectionString);
                }

                await output.WriteLineAsync("The database is up to date.");
                return 0;
            case "backup" or "restore":
                return await scope.ServiceProvider.GetRequiredService<Operations.BackupCommands>().RunAsync(args, output, cancellation.Token);
            default:
                await DatabaseInitializer.PrepareAsync(scope.ServiceProvider, applySqlServerMigrations: false, cancellation.Token);
                var passwordInput = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected ? null : input;
                return await scope.ServiceProvider.GetRequiredService<CreateUserCommand>()
                    .RunAsync(args.AsSpan(1).ToArray(), passwordInput, output, cancellation.Token);
        }
    }
}
