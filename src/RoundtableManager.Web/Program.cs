return await RoundtableManager.Web.Infrastructure.AppEntry.RunAsync(args, Console.In, Console.Out, Console.Error);

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
