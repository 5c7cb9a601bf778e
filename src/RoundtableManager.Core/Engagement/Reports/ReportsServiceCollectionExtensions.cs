namespace RoundtableManager.Core.Engagement.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The programme report and the venue's lists (issue #19 items 3 and 7).</summary>
    public static IServiceCollection AddEngagementReports(this IServiceCollection services)
    {
        services.AddScoped<ProgrammeReportQueries>();
        services.AddScoped<ReportSummaries>();
        services.AddScoped<ActionMonthCounts>();
        services.AddScoped<VenueList.VenueListQueries>();
        services.AddRecurringJob<ReportSummariesJob>(ReportSummariesJob.RecurringJobId, Hangfire.Cron.Minutely(), job => job.RunAsync(CancellationToken.None));
        return services;
    }
}
