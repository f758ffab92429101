using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Application.Common.Messaging;

public static class MediatorRegistration
{
    /// <summary>
    /// Registers the mediator and every request handler found in <paramref name="assemblies"/>.
    /// Behaviours are registered separately, in the order they should wrap requests.
    /// </summary>
    public static IServiceCollection AddMediator(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddScoped<ISender, Mediator>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            {
                services.AddTransient(contract, type);
            }
        }

        return services;
    }
}
