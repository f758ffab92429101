using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Architecture.Tests;

/// <summary>
/// Every validator is built once per process (HeadlessPortal.Application.DependencyInjection): building a request's
/// validator anew on every request was measurable (docs/PERFORMANCE.md, round six). A validator shared by every
/// request must hold nothing of one: it may take options, which are fixed, and nothing else.
/// </summary>
public sealed class ValidatorLifetimeTests
{
    private static readonly Assembly Application = typeof(HeadlessPortal.Application.DependencyInjection).Assembly;

    private static List<Type> Validators() =>
        Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t)).ToList();

    [Fact]
    public void Validators_TakeNothingButOptions()
    {
        var validators = Validators();
        Assert.NotEmpty(validators);
        var taking = validators
            .SelectMany(v => v.GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => !(p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IOptions<>)))
                .Select(p => $"{v.Name} takes {p.ParameterType.Name} {p.Name}"))
            .ToList();
        Assert.True(taking.Count == 0, string.Join(Environment.NewLine, taking));
    }

    [Fact]
    public void Validators_AreRegisteredOncePerProcess()
    {
        var services = new ServiceCollection();
        HeadlessPortal.Application.DependencyInjection.AddApplication(services);

        var registered = services.Where(s => s.ServiceType.IsGenericType && s.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)).ToList();
        Assert.NotEmpty(registered);
        Assert.All(registered, s => Assert.Equal(ServiceLifetime.Singleton, s.Lifetime));
        var unregistered = Validators().Except(registered.Select(s => s.ImplementationType!)).Select(v => v.FullName).ToList();
        Assert.True(unregistered.Count == 0, string.Join(Environment.NewLine, unregistered));
    }
}
