namespace RoundtableManager.Web.Infrastructure;

/// <summary>Opens the <see cref="StartupJobsGate"/> once the first request has been answered.</summary>
internal static class StartupJobsGateMiddleware
{
    public static IApplicationBuilder UseStartupJobsGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetService<StartupJobsGate>();
        if (gate is null)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (gate.IsOpen)
            {
                await next(context);
                return;
            }

            try
            {
                await next(context);
            }
            finally
            {
                gate.Open();
            }
        });
    }
}
