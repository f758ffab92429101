using FluentValidation;
using HeadlessPortal.Application.Common.Behaviors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace HeadlessPortal.Application.Tests.Common;

public sealed record Ping(string Message) : IQuery<string>;

public sealed record Rename(string? Name, string? Code) : ICommand<Result<string>>;

public sealed record Unhandled : IQuery<int>;

public sealed record Boom : IQuery<int>;

internal sealed class BoomHandler : IRequestHandler<Boom, int>
{
    public Task<int> Handle(Boom request, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
}

internal sealed class PingHandler(CallLog log) : IRequestHandler<Ping, string>
{
    public Task<string> Handle(Ping request, CancellationToken cancellationToken)
    {
        log.Add("handler");
        return Task.FromResult("pong: " + request.Message);
    }
}

internal sealed class RenameHandler(CallLog log) : IRequestHandler<Rename, Result<string>>
{
    public Task<Result<string>> Handle(Rename request, CancellationToken cancellationToken)
    {
        log.Add("handler");
        return Task.FromResult(request.Name == "taken"
            ? Result<string>.Failure(Error.Conflict("name_taken", "Taken."))
            : Result<string>.Success(request.Name!));
    }
}

internal sealed class RenameValidator : AbstractValidator<Rename>
{
    public RenameValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.");
        RuleFor(x => x.Code).NotEmpty().WithMessage("code is required.").MaximumLength(3).WithMessage("code is at most 3 characters.");
    }
}

public sealed class CallLog
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}

internal sealed class RecordingBehavior<TRequest, TResponse>(CallLog log, string name) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        log.Add($"{name}:before");
        var response = await next(cancellationToken);
        log.Add($"{name}:after");
        return response;
    }
}

public sealed class MediatorTests
{
    private readonly CallLog _log = new();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();

    private ServiceProvider Build(Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_log);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(_unitOfWork);
        services.AddMediator(typeof(MediatorTests).Assembly);
        services.AddValidatorsFrom(typeof(MediatorTests).Assembly);
        extra?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private ServiceProvider BuildWithLogging(ListLoggerProvider sink) => Build(services =>
    {
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([sink]));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
    });

    [Fact]
    public async Task Send_WhenHandlerRegisteredByScan_ReturnsItsResponse()
    {
        using var provider = Build();
        var response = await provider.GetRequiredService<ISender>().Send(new Ping("hi"));
        Assert.Equal("pong: hi", response);
    }

    [Fact]
    public async Task Send_WhenNoHandler_ThrowsNamingTheRequest()
    {
        using var provider = Build();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<ISender>().Send(new Unhandled()));
        Assert.Contains(nameof(Unhandled), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WhenBehaviorsRegistered_RunsThemInRegistrationOrderAroundTheHandler()
    {
        using var provider = Build(services =>
        {
            services.AddTransient<IPipelineBehavior<Ping, string>>(sp => new RecordingBehavior<Ping, string>(_log, "outer"));
            services.AddTransient<IPipelineBehavior<Ping, string>>(sp => new RecordingBehavior<Ping, string>(_log, "inner"));
        });

        await provider.GetRequiredService<ISender>().Send(new Ping("x"));

        Assert.Equal(["outer:before", "inner:before", "handler", "inner:after", "outer:after"], _log.Entries);
    }

    [Fact]
    public async Task Send_WhenCalledRepeatedlyAndConcurrently_BuildsAFreshPipelineEachTime()
    {
        using var provider = Build();
        var sender = provider.GetRequiredService<ISender>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => sender.Send(new Ping(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"pong: {i}"), responses);
        Assert.Equal(50, _log.Entries.Count);
    }

    [Fact]
    public async Task ValidationBehavior_WhenSeveralFieldsInvalid_ReportsEveryFailureTogetherAndSkipsHandler()
    {
        using var provider = Build(services => services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>)));

        var ex = await Assert.ThrowsAsync<RequestValidationException>(() => provider.GetRequiredService<ISender>().Send(new Rename(null, "toolong")));

        Assert.Equal(["name is required."], ex.Errors["name"]);
        Assert.Equal(["code is at most 3 characters."], ex.Errors["code"]);
        Assert.DoesNotContain("handler", _log.Entries);
    }

    [Fact]
    public async Task ValidationBehavior_WhenValid_CallsHandler()
    {
        using var provider = Build(services => services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>)));
        var result = await provider.GetRequiredService<ISender>().Send(new Rename("ok", "abc"));
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task TransactionBehavior_WhenCommandSucceeds_RunsItInAUnitOfWorkThatCommits()
    {
        Func<Result<string>, bool>? shouldCommit = null;
        _unitOfWork.ExecuteAsync(Arg.Any<Func<CancellationToken, Task<Result<string>>>>(), Arg.Any<Func<Result<string>, bool>>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                shouldCommit = call.Arg<Func<Result<string>, bool>>();
                return call.Arg<Func<CancellationToken, Task<Result<string>>>>()(CancellationToken.None);
            });
        using var provider = Build(services => services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>)));

        var ok = await provider.GetRequiredService<ISender>().Send(new Rename("fine", "abc"));
        Assert.True(shouldCommit!(ok));

        var failed = await provider.GetRequiredService<ISender>().Send(new Rename("taken", "abc"));
        Assert.False(shouldCommit!(failed));
    }

    [Fact]
    public async Task TransactionBehavior_WhenQuery_DoesNotOpenAUnitOfWork()
    {
        using var provider = Build(services => services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>)));
        await provider.GetRequiredService<ISender>().Send(new Ping("read"));
        await _unitOfWork.DidNotReceiveWithAnyArgs().ExecuteAsync<string>(default!, default!, default);
    }

    [Fact]
    public async Task LoggingBehavior_WhenRequestHandled_LogsNameAndElapsedTime()
    {
        var sink = new ListLoggerProvider();
        using var provider = BuildWithLogging(sink);

        await provider.GetRequiredService<ISender>().Send(new Ping("x"));

        var entry = Assert.Single(sink.Messages);
        Assert.Matches(@"^Handled Ping in \d+(\.\d)? ms$", entry);
    }

    [Fact]
    public async Task LoggingBehavior_WhenHandlerThrows_LogsAndRethrows()
    {
        var sink = new ListLoggerProvider();
        using var provider = BuildWithLogging(sink);

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<ISender>().Send(new Boom()));
        Assert.Contains(sink.Messages, m => m.StartsWith("Boom threw InvalidOperationException", StringComparison.Ordinal));
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
