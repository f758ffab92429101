using System.Reflection;

namespace HeadlessPortal.Architecture.Tests;

/// <summary>
/// Dependencies point inward: Api -> Application -> Domain, Infrastructure -> Application; the fake Stripe (which the
/// API starts in development) depends on no project of ours; the demo data depends on Application and only the API,
/// which seeds it in Development, depends on it.
/// Read from the compiled assemblies' references, so a stray project or package reference fails here.
/// </summary>
public sealed class LayerDependencyTests
{
    private const string Prefix = "HeadlessPortal.";
    private static readonly Assembly Domain = typeof(HeadlessPortal.Domain.Tenants.Tenant).Assembly;
    private static readonly Assembly Application = typeof(HeadlessPortal.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(HeadlessPortal.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(HeadlessPortal.Api.DependencyInjection).Assembly;
    private static readonly Assembly FakeStripe = typeof(HeadlessPortal.FakeStripe.FakeStripeServer).Assembly;
    private static readonly Assembly Demo = typeof(HeadlessPortal.Demo.DemoSeeder).Assembly;

    private static IReadOnlyList<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    private static IReadOnlyList<string> ProjectReferences(Assembly assembly) =>
        References(assembly).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Domain_ReferencesNoOtherProject() => Assert.Empty(ProjectReferences(Domain));

    [Fact]
    public void Domain_ReferencesNothingButTheBaseLibrary()
    {
        var outside = References(Domain).Where(n => n != "System.Runtime" && !n.StartsWith("System.", StringComparison.Ordinal) && n != "netstandard").ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void Application_ReferencesOnlyDomain() =>
        Assert.Equal(["HeadlessPortal.Domain"], ProjectReferences(Application));

    [Fact]
    public void Application_DoesNotReferenceWebOrProviderPackages()
    {
        string[] forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore.Sqlite", "Npgsql", "Microsoft.Data.Sqlite", "Swashbuckle"];
        Assert.DoesNotContain(References(Application), n => forbidden.Any(f => n.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Infrastructure_DoesNotReferenceApi() =>
        Assert.DoesNotContain("HeadlessPortal.Api", ProjectReferences(Infrastructure));

    [Fact]
    public void Api_ReferencesOnlyTheInnerLayersTheDemoAndTheFakes() =>
        Assert.Equal(
            ["HeadlessPortal.Application", "HeadlessPortal.Demo", "HeadlessPortal.Domain", "HeadlessPortal.FakeStripe", "HeadlessPortal.FakeTwilio", "HeadlessPortal.Infrastructure"],
            ProjectReferences(Api));

    /// <summary>Demo data and its published credentials ship with the host, which seeds them in Development only, never with a layer.</summary>
    [Fact]
    public void Demo_IsReferencedByNoProjectButTheApi()
    {
        Assert.DoesNotContain("HeadlessPortal.Demo", ProjectReferences(Application));
        Assert.All([Domain, Infrastructure, FakeStripe, typeof(HeadlessPortal.FakeTwilio.FakeTwilioServer).Assembly], assembly => Assert.DoesNotContain("HeadlessPortal.Demo", ProjectReferences(assembly)));
        Assert.Contains("HeadlessPortal.Demo", ProjectReferences(Api));
    }

    [Fact]
    public void Demo_ReferencesOnlyApplicationAndDomain() =>
        Assert.Equal(["HeadlessPortal.Application", "HeadlessPortal.Domain"], ProjectReferences(Demo));

    /// <summary>The fake stands for Stripe, which knows nothing of the portal: it must stay usable (and shippable) on its own.</summary>
    [Fact]
    public void FakeStripe_ReferencesNoOtherProject() => Assert.Empty(ProjectReferences(FakeStripe));

    /// <summary>The same for the fake Twilio.</summary>
    [Fact]
    public void FakeTwilio_ReferencesNoOtherProject() => Assert.Empty(ProjectReferences(typeof(HeadlessPortal.FakeTwilio.FakeTwilioServer).Assembly));

    [Fact]
    public void Handlers_AreInternalSealed()
    {
        Type[] handlerContracts = [typeof(Mediator.ICommandHandler<,>), typeof(Mediator.IQueryHandler<,>), typeof(Mediator.IRequestHandler<,>)];
        var handlers = Application.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && handlerContracts.Contains(i.GetGenericTypeDefinition())))
            .ToList();
        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(h is { IsPublic: false, IsSealed: true }, $"{h.Name} should be internal sealed"));
    }

    /// <summary>
    /// A reader of a command's declaration sees whether the pipeline opens its transaction
    /// (<c>ITransactionalCommand</c>) or the handler commits on its own (<c>ISelfTransactedCommand</c>).
    /// </summary>
    [Fact]
    public void Commands_DeclareWhoOwnsTheirTransaction()
    {
        Type[] declarations = [typeof(HeadlessPortal.Application.Common.Messaging.ITransactionalCommand<>), typeof(HeadlessPortal.Application.Common.Messaging.ISelfTransactedCommand<>)];
        var commands = Application.GetTypes().Where(t => !t.IsInterface && typeof(Mediator.IBaseCommand).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.True(
            c.GetInterfaces().Count(i => i.IsGenericType && declarations.Contains(i.GetGenericTypeDefinition())) == 1,
            $"{c.Name} should implement exactly one of ITransactionalCommand<T> and ISelfTransactedCommand<T>"));
    }

    /// <summary>Everything sent through the mediator is a command or a query: a bare request would say nothing of its transaction.</summary>
    [Fact]
    public void Requests_AreCommandsOrQueries()
    {
        var bare = Application.GetTypes().Where(t => !t.IsInterface && typeof(Mediator.IBaseRequest).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.Empty(bare);
    }
}
