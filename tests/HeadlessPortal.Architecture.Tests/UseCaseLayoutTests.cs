using System.Reflection;
using FluentValidation;

namespace HeadlessPortal.Architecture.Tests;

/// <summary>
/// One folder per use case (<c>Application/&lt;Feature&gt;/&lt;UseCase&gt;/</c>, namespaces following folders): a
/// reader finds a request, its handler and its validator by the request's name, and a folder never hides a second one.
/// </summary>
public sealed class UseCaseLayoutTests
{
    private static readonly Assembly Application = typeof(HeadlessPortal.Application.DependencyInjection).Assembly;

    private static readonly Type[] HandlerContracts = [typeof(Mediator.ICommandHandler<,>), typeof(Mediator.IQueryHandler<,>)];

    private static IReadOnlyList<(Type Handler, Type Request)> Handlers() =>
        Application.GetTypes()
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && HandlerContracts.Contains(i.GetGenericTypeDefinition()))
                .Select(i => (Handler: t, Request: i.GetGenericArguments()[0])))
            .ToList();

    private static string UseCaseOf(Type request) =>
        request.Name.EndsWith("Command", StringComparison.Ordinal) ? request.Name[..^"Command".Length]
        : request.Name.EndsWith("Query", StringComparison.Ordinal) ? request.Name[..^"Query".Length]
        : request.Name;

    [Fact]
    public void Handlers_LiveInTheFolderOfTheirUseCase()
    {
        var handlers = Handlers();
        Assert.NotEmpty(handlers);
        var misplaced = handlers
            .Where(h => h.Handler.Namespace?.Split('.') is not ["HeadlessPortal", "Application", _, var folder] || folder != UseCaseOf(h.Request)
                || h.Request.Namespace != h.Handler.Namespace)
            .Select(h => $"{h.Handler.Name} in {h.Handler.Namespace} (expected HeadlessPortal.Application.<Feature>.{UseCaseOf(h.Request)})")
            .ToList();
        Assert.True(misplaced.Count == 0, string.Join(Environment.NewLine, misplaced));
    }

    [Fact]
    public void UseCaseFolders_HoldOneHandlerEach()
    {
        var crowded = Handlers().GroupBy(h => h.Handler.Namespace).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(h => h.Handler.Name))}")
            .ToList();
        Assert.True(crowded.Count == 0, string.Join(Environment.NewLine, crowded));
    }

    [Fact]
    public void RequestValidators_SitBesideTheirRequest()
    {
        var requests = Handlers().Select(h => h.Request).ToHashSet();
        var misplaced = Application.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>)
                && requests.Contains(b.GetGenericArguments()[0]))
            .Where(v => v.Namespace != v.BaseType!.GetGenericArguments()[0].Namespace || v.Name != UseCaseOf(v.BaseType.GetGenericArguments()[0]) + "Validator")
            .Select(v => $"{v.FullName} validates {v.BaseType!.GetGenericArguments()[0].FullName}")
            .ToList();
        Assert.True(misplaced.Count == 0, string.Join(Environment.NewLine, misplaced));
    }
}
