using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateOnStart();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        return services;
    }
}
