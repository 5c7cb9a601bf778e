namespace RoundtableManager.Core.Common;

public static class OptionsRegistration
{
    /// <summary>
    /// The one options style: bound from <paramref name="sectionName"/>, checked by <typeparamref name="TValidator"/>
    /// (whose messages name the key) and checked at start, so a bad value stops the app with "Configuration problem: ...".
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
