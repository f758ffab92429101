using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>Wraps a registered service in a test double that forwards to it.</summary>
internal static class ServiceDecoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(TService), sp => decorate((TService)Create(registered, sp)), registered.Lifetime));
        return services;
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
