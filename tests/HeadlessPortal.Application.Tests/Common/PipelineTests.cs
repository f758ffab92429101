using FluentValidation;
using HeadlessPortal.Application.ApiClients;
using HeadlessPortal.Application.ApiClients.CreateApiClient;
using HeadlessPortal.Application.ApiClients.ListApiClients;
using HeadlessPortal.Application.Common.Behaviors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.PayInvoices;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace HeadlessPortal.Application.Tests.Common;

public sealed record Rename(string? Name, string? Code) : ITransactionalCommand<Result<string>>;

internal sealed class RenameValidator : AbstractValidator<Rename>
{
    public RenameValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.");
        RuleFor(x => x.Code).NotEmpty().WithMessage("code is required.").MaximumLength(3).WithMessage("code is at most 3 characters.");
    }
}

/// <summary>
/// Our pipeline behaviours, and the order and scope in which <see cref="DependencyInjection.AddApplication"/> asks
/// Mediator's generated pipeline to apply them.
/// </summary>
public sealed class PipelineTests
{
    private readonly List<string> _log = [];
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();

    private MessageHandlerDelegate<Rename, Result<string>> Handler => (message, _) =>
    {
        _log.Add("handler");
        return new(message.Name == "taken" ? Result<string>.Failure(Error.Conflict("name_taken", "Taken.")) : Result<string>.Success(message.Name!));
    };

    private ServiceProvider ApplicationServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(_unitOfWork);
        services.AddApplication();
        return services.BuildServiceProvider();
    }

    private static string[] BehaviorsOf<TMessage, TResponse>(IServiceProvider services)
        where TMessage : IMessage =>
        services.GetServices<IPipelineBehavior<TMessage, TResponse>>().Select(b => b.GetType().Name.Split('`')[0]).ToArray();

    [Fact]
    public void AddApplication_WhenTransactionalCommand_WrapsItInLoggingThenValidationThenTransaction()
    {
        using var services = ApplicationServices();
        using var scope = services.CreateScope();

        Assert.Equal(
            ["LoggingBehavior", "ValidationBehavior", "TransactionBehavior"],
            BehaviorsOf<CreateApiClientCommand, Result<ApiClientCredentialsDto>>(scope.ServiceProvider));
    }

    [Fact]
    public void AddApplication_WhenQueryOrSelfTransactedCommand_OpensNoTransaction()
    {
        using var services = ApplicationServices();
        using var scope = services.CreateScope();

        Assert.Equal(["LoggingBehavior", "ValidationBehavior", "ReadConnectionBehavior"], BehaviorsOf<ListApiClientsQuery, CursorPage<ApiClientDto>>(scope.ServiceProvider));
        Assert.Equal(["LoggingBehavior", "ValidationBehavior"], BehaviorsOf<PayInvoicesCommand, Result<PaymentResultDto>>(scope.ServiceProvider));
    }

    [Fact]
    public void AddApplication_RegistersInternalValidatorsFoundInTheAssembly()
    {
        using var services = ApplicationServices();
        Assert.Single(services.GetServices<IValidator<CreateApiClientCommand>>());
    }

    [Fact]
    public async Task ValidationBehavior_WhenSeveralFieldsInvalid_ReportsEveryFailureTogetherAndSkipsHandler()
    {
        var behavior = new ValidationBehavior<Rename, Result<string>>([new RenameValidator()]);

        var ex = await Assert.ThrowsAsync<RequestValidationException>(async () => await behavior.Handle(new Rename(null, "toolong"), Handler, default));

        Assert.Equal(["name is required."], ex.Errors["name"]);
        Assert.Equal(["code is at most 3 characters."], ex.Errors["code"]);
        Assert.DoesNotContain("handler", _log);
    }

    [Fact]
    public async Task ValidationBehavior_WhenValid_CallsHandler()
    {
        var behavior = new ValidationBehavior<Rename, Result<string>>([new RenameValidator()]);
        var result = await behavior.Handle(new Rename("ok", "abc"), Handler, default);
        Assert.True(result.IsSuccess);
        Assert.Equal(["handler"], _log);
    }

    [Fact]
    public async Task TransactionBehavior_CommitsWhenTheCommandSucceedsAndNotWhenItReturnsAFailure()
    {
        Func<Result<string>, bool>? shouldCommit = null;
        _unitOfWork.ExecuteAsync(Arg.Any<Func<CancellationToken, Task<Result<string>>>>(), Arg.Any<Func<Result<string>, bool>>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                shouldCommit = call.Arg<Func<Result<string>, bool>>();
                return call.Arg<Func<CancellationToken, Task<Result<string>>>>()(CancellationToken.None);
            });
        var behavior = new TransactionBehavior<Rename, Result<string>>(_unitOfWork);

        var ok = await behavior.Handle(new Rename("fine", "abc"), Handler, default);
        Assert.True(shouldCommit!(ok));

        var failed = await behavior.Handle(new Rename("taken", "abc"), Handler, default);
        Assert.False(shouldCommit!(failed));
        Assert.Equal(["handler", "handler"], _log);
    }

    [Fact]
    public async Task ReadConnectionBehavior_KeepsTheConnectionOpenWhileTheQueryRuns_AndLetsItGoAfterwards()
    {
        var connection = Substitute.For<IAsyncDisposable>();
        _unitOfWork.KeepConnectionOpenAsync(Arg.Any<CancellationToken>()).Returns(_ => { _log.Add("open"); return Task.FromResult(connection); });
        connection.DisposeAsync().Returns(_ => { _log.Add("close"); return ValueTask.CompletedTask; });
        var behavior = new ReadConnectionBehavior<ListApiClientsQuery, CursorPage<ApiClientDto>>(_unitOfWork);

        await behavior.Handle(new ListApiClientsQuery(null, null), (_, _) => { _log.Add("handler"); return new(new CursorPage<ApiClientDto>([], null, false)); }, default);

        Assert.Equal(["open", "handler", "close"], _log);
    }

    [Fact]
    public async Task LoggingBehavior_WhenRequestHandled_LogsNameAndElapsedTime()
    {
        var sink = new ListLoggerProvider();
        var behavior = new LoggingBehavior<Rename, Result<string>>(new LoggerFactory([sink]).CreateLogger<LoggingBehavior<Rename, Result<string>>>());

        await behavior.Handle(new Rename("x", "abc"), Handler, default);

        var entry = Assert.Single(sink.Messages);
        Assert.Matches(@"^Handled Rename in \d+(\.\d)? ms$", entry);
    }

    [Fact]
    public async Task LoggingBehavior_WhenHandlerReturnsAFailure_LogsAnExpectedFailure()
    {
        var sink = new ListLoggerProvider();
        var behavior = new LoggingBehavior<Rename, Result<string>>(new LoggerFactory([sink]).CreateLogger<LoggingBehavior<Rename, Result<string>>>());

        await behavior.Handle(new Rename("taken", "abc"), Handler, default);

        Assert.StartsWith("Handled Rename with an expected failure", Assert.Single(sink.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingBehavior_WhenHandlerThrows_LogsAndRethrows()
    {
        var sink = new ListLoggerProvider();
        var behavior = new LoggingBehavior<Rename, Result<string>>(new LoggerFactory([sink]).CreateLogger<LoggingBehavior<Rename, Result<string>>>());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await behavior.Handle(new Rename("x", "abc"), (_, _) => throw new InvalidOperationException("boom"), default));
        Assert.Contains(sink.Messages, m => m.StartsWith("Rename threw InvalidOperationException", StringComparison.Ordinal));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(this);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Add(formatter(state, exception));
        }
    }
}
