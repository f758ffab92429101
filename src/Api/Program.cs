using HeadlessPortal.Api;
using HeadlessPortal.Api.Hosting;
using HeadlessPortal.Application;
using HeadlessPortal.Infrastructure;

try
{
    var builder = WebApplication.CreateBuilder(args);
    CommandLine.Configure(builder, args);
    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
        .AddApi(builder.Configuration, builder.Environment);

    var app = builder.Build();
    app.UseApi();
    app.MapApiEndpoints();

    if (await CommandLine.TryRunAsync(app, args))
    {
        return 0;
    }

    StartupRefusal.CheckSettings(app.Services);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupRefusal.IsOwnProcess && StartupRefusal.Describe(exception) is { } reason)
{
    StartupRefusal.Report(reason);
    return StartupRefusal.ExitCode;
}

/// <summary>The entry point; public so integration tests can host the API.</summary>
public partial class Program;
