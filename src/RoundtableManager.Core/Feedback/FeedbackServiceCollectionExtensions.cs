namespace RoundtableManager.Core.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>Feedback after a roundtable: marking it held, the personal links, the answers and the results.</summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services) => services
        .AddScoped<FeedbackService>()
        .AddScoped<FeedbackLinks>()
        .AddScoped<FeedbackQueries>()
        .AddTimelineSource<FeedbackTimelineSource>();
}
