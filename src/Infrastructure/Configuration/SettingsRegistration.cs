using HeadlessPortal.Application.Common.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Configuration;

/// <summary>
/// The one way a configuration section becomes settings: <c>AddOptions&lt;T&gt;().Bind(section)</c>, validated by the
/// options' own rules (<see cref="ISelfCheckingOptions"/>) and <c>ValidateOnStart()</c>. Consumers take
/// <see cref="IOptions{TOptions}"/> or <typeparamref name="T"/> itself (the same instance).
/// </summary>
public static class SettingsRegistration
{
    /// <summary>
    /// Registers the section's settings and answers them as bound now, for the few choices made while registering
    /// services (which database, whether a server runs). They are checked when the host starts, after every
    /// <c>PostConfigure</c> (the Development fake Stripe sets its own URL and keys that way), so a broken rule stops
    /// the host before it serves a request.
    /// </summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where T : class, new()
    {
        var section = configuration.GetSection(sectionName);
        services.AddOptions<T>().Bind(section).ValidateOnStart();
        if (typeof(ISelfCheckingOptions).IsAssignableFrom(typeof(T)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SelfCheck<T>>());
        }

        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);

        return section.Get<T>() ?? new T();
    }

    private sealed class SelfCheck<T> : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            ((ISelfCheckingOptions)options).Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
