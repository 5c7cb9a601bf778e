using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Retention (options, rules, the daily job), subject access export and erasure. Call after AddJobs.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<PersonalDataEraser>();
        services.AddScoped<RetentionService>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<PrivacyService>();
        services.AddHostedService<RetentionJobRegistration>();
        return services;
    }
}
