using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RoundtableManager.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// The outbox, its sender and transports, and the email log. Given the configuration, the Email section is
    /// checked now, so a bad value stops the app at start with a message naming the key.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (configuration is not null)
        {
            EmailSettings.Read(configuration);
        }

        services.AddValidatedOptions<EmailOptions, EmailOptionsValidator>(EmailOptions.SectionName);
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<OutboxSenderJob>();
        services.AddTimelineSource<EmailTimelineSource>();
        services.AddSingleton(sp => new OutboxSenderLocks(sp.GetService<DatabaseOptions>() ?? new DatabaseOptions()));
        services.AddSingleton<OutboxHeartbeat>();
        services.AddHostedService<OutboxHeartbeatService>();
        services.AddSingleton<WithheldLinks>();
        services.AddScoped<EmailLogService>();
        services.AddSingleton<PickupEmailTransport>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransport.Smtp
            ? sp.GetRequiredService<SmtpEmailTransport>()
            : sp.GetRequiredService<PickupEmailTransport>());
        services.TryAddSingleton<IOutboxTrigger, NoOutboxTrigger>();
        services.AddSingleton<OutboxSaveChangesInterceptor>();
        services.ConfigureDbContext<AppDbContext>((provider, builder) => builder.AddInterceptors(provider.GetRequiredService<OutboxSaveChangesInterceptor>()));
        return services;
    }
}
