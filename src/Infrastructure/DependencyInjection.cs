using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.Infrastructure.Email;
using HeadlessPortal.Infrastructure.Files;
using HeadlessPortal.Application.Imports;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.ProposalDocuments;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Caching;
using HeadlessPortal.Infrastructure.Configuration;
using HeadlessPortal.Infrastructure.Imports;
using HeadlessPortal.Infrastructure.Maintenance;
using HeadlessPortal.Infrastructure.Messaging;
using HeadlessPortal.Infrastructure.Webhooks;
using HeadlessPortal.Infrastructure.Payments.Stripe;
using HeadlessPortal.Infrastructure.Security;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.ProposalDocuments;
using HeadlessPortal.Infrastructure.Services;
using HeadlessPortal.Infrastructure.Texts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Hangfire;
using Hangfire.AspNetCore;
using Npgsql;

namespace HeadlessPortal.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var options = services.AddSettings<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<OutboxSignalInterceptor>();
        services.AddSettings<CacheOptions>(configuration, CacheOptions.SectionName);
        services.AddSingleton<TenantDataVersions>();
        services.AddSingleton<ITenantDataVersions>(sp => sp.GetRequiredService<TenantDataVersions>());
        services.AddSingleton<DataChangeInterceptor>();
        services.AddHostedService<DataChangeFeed>();
        services.AddScoped<IMaintenanceTask, DataChangeCleanup>();
        services.AddScoped<IMaintenanceTask, DatabaseStatisticsTask>();
        if (options.Provider.Trim().Equals(DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            AddSqliteConnectionPool(services, options, connectionString, contentRootPath);
        }

        // Contexts are pooled: constructing one (EF's services for it, its options compared with EF's cache) was a tenth of a
        // portal page (docs/PERFORMANCE.md, "Round four"). Each scope leases one and gives it its tenant.
        services.AddPooledDbContextFactory<AppDbContext>((sp, builder) =>
        {
            Configure(builder, options, connectionString, contentRootPath);
            builder.AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>(), sp.GetRequiredService<DataChangeInterceptor>());
        });
        services.AddScoped(sp => new AppDbContextLease(
            sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetRequiredService<ICurrentTenant>(), sp.GetService<SqliteConnectionLease>()));
        services.AddScoped(sp => sp.GetRequiredService<AppDbContextLease>().Context);
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<Application.Scheduling.IAvailableWindowSearch, Scheduling.AvailableWindowSearch>();
        services.AddScoped<Application.Payments.IPaymentLocks, PaymentLocks>();
        services.AddScoped<CurrentTenant>();
        services.AddScoped<ICurrentTenant>(sp => sp.GetRequiredService<CurrentTenant>());
        services.AddScoped<ITenantScope>(sp => sp.GetRequiredService<CurrentTenant>());
        services.AddScoped<CurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<ISecrets, Secrets>();

        var documents = services.AddSettings<DocumentOptions>(configuration, DocumentOptions.SectionName);
        services.AddSingleton<IFileStorage>(new LocalFileStorage(Path.GetFullPath(Path.Combine(contentRootPath, documents.Directory))));
        services.AddSingleton<IProposalDocumentRenderer, PdfProposalDocumentRenderer>();

        services.AddSettings<AuthOptions>(configuration, AuthOptions.SectionName);
        services.AddDataProtection();
        services.AddSingleton<SigningKeyProtector>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<ICommonPasswords, CommonPasswords>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddScoped<Auth.TokenServer.ClientRegistry>();
        services.AddOpenIddict().AddCore(core => core
            .UseEntityFrameworkCore()
            .UseDbContext<AppDbContext>()
            .ReplaceDefaultEntities<Auth.TokenServer.TokenServerApplication, Auth.TokenServer.TokenServerAuthorization, Auth.TokenServer.TokenServerScope, Auth.TokenServer.TokenServerToken, Guid>()
            .Services.AddScoped<Auth.TokenServer.TokenServerApplicationManager>());
        services.AddScoped<IMaintenanceTask, Auth.TokenServer.TokenServerPruning>();
        services.AddOpenIddict().AddCore(core => core.ReplaceApplicationManager<Auth.TokenServer.TokenServerApplication, Auth.TokenServer.TokenServerApplicationManager>());

        var imports = services.AddSettings<ImportOptions>(configuration, ImportOptions.SectionName);
        services.AddSingleton<IImportFiles>(new ImportFiles(imports, contentRootPath));
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<IImportQueue>(sp => sp.GetRequiredService<ImportQueue>());
        services.AddHostedService<ImportWorker>();

        services.AddSettings<OutboxOptions>(configuration, OutboxOptions.SectionName);
        services.AddHostedService<OutboxDispatcher>();
        services.AddScoped<IMaintenanceTask, OutboxLeaseRecovery>();
        services.AddWebhooks(configuration);
        services.AddEmail(configuration, contentRootPath);
        services.AddStripePayments(configuration);
        services.AddTexts(configuration);
        AddMaintenance(services, configuration, options, connectionString, contentRootPath);

        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Hangfire on the application's database engine: the job storage, the client and recurring-job manager, the
    /// recurring maintenance jobs (one per <see cref="IMaintenanceTask"/>; a task joins with
    /// <c>services.AddScoped&lt;IMaintenanceTask, TTask&gt;()</c>) and, when enabled, this process's Hangfire server.
    /// </summary>
    private static void AddMaintenance(
        IServiceCollection services, IConfiguration configuration, DatabaseOptions database, string? connectionString, string contentRootPath)
    {
        services.AddSettings<MaintenanceOptions>(configuration, MaintenanceOptions.SectionName);
        var jobs = services.AddSettings<BackgroundJobOptions>(configuration, BackgroundJobOptions.SectionName);

        // Hangfire's own defaults for these are process-wide statics; registered per container, every host (and every
        // test host in one process) has its own storage, and jobs are activated from its own services.
        var provider = database.Provider.Trim().ToLowerInvariant();
        services.AddSingleton<JobStorage>(sp => JobStorageFactory.Create(
            provider,
            provider == DatabaseProviders.Postgres ? connectionString! : SqliteConnectionString(database, connectionString, contentRootPath),
            sp.GetRequiredService<IOptions<BackgroundJobOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        services.AddHostedService<MaintenanceSchedule>();
        if (jobs.ServerEnabled)
        {
            // The server starts once the host has started (Hangfire.NetCore waits for ApplicationStarted), so after migrations.
            services.AddHangfireServer((sp, server) =>
            {
                var settings = sp.GetRequiredService<IOptions<BackgroundJobOptions>>().Value;
                server.WorkerCount = settings.WorkerCount;
                server.SchedulePollingInterval = settings.PollInterval;
            });
        }
    }

    /// <summary>
    /// On SQLite each scope's context works on a connection of <see cref="SqliteConnectionPool"/>, which stays open and
    /// keeps its prepared statements.
    /// </summary>
    private static void AddSqliteConnectionPool(IServiceCollection services, DatabaseOptions options, string? connectionString, string contentRootPath)
    {
        var memoryStatisticsOff = SqliteConnectionSetup.TurnOffMemoryStatistics();
        services.AddSingleton(sp =>
        {
            // Created at the first use of the database, the migrations at startup.
            sp.GetRequiredService<ILogger<SqliteConnectionPool>>().LogInformation(
                "SQLite memory statistics are {State}", memoryStatisticsOff ? "off" : "on: SQLite was in use before the API configured it");
            return new SqliteConnectionPool(
                SqliteConnectionString(options, connectionString, contentRootPath),
                new SqliteConnectionSetup(options.SqliteBusyTimeoutMs, options.SqliteMmapBytes).Apply,
                options.SqliteIdleConnections);
        });
        services.AddScoped<SqliteConnectionLease>();
    }

    private static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string? connectionString, string contentRootPath)
    {
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case DatabaseProviders.Sqlite:
                // A list parameter (Contains over the user's customers, an import's keys) is one JSON parameter read with
                // json_each: one SQL text per query, which EF keeps. EF 10's default, one parameter per element, makes EF
                // write the SQL again on every run, under a lock per query (docs/PERFORMANCE.md, "Many customers").
                builder.UseSqlite(
                    SqliteConnectionString(options, connectionString, contentRootPath),
                    sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                builder.AddInterceptors(new SqliteConnectionSetup(options.SqliteBusyTimeoutMs, options.SqliteMmapBytes));
                builder.ReplaceService<IRelationalTypeMappingSource, SqliteListParameterMappings>();
                break;
            case DatabaseProviders.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:Provider is postgres but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set.");
                }

                builder.UseNpgsql(PostgresConnectionString(connectionString, options.PostgresGenericPlans, Environment.GetEnvironmentVariable("PGOPTIONS")));
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider must be '{DatabaseProviders.Sqlite}' or '{DatabaseProviders.Postgres}', not '{options.Provider}'.");
        }

        // Migrations are hand-written without a model snapshot, so EF cannot diff them against the
        // model at runtime; SchemaMatchesModelTests does that comparison against real databases.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// The PostgreSQL connection string, with automatic preparation on unless it says otherwise: a statement run a few
    /// times on a connection is prepared there once, and PostgreSQL no longer parses and plans it on each run
    /// (docs/PERFORMANCE.md, "Many customers"). The portal's pages are a few dozen statements run over and over. And, with
    /// <see cref="DatabaseOptions.PostgresGenericPlans"/>, each session plans a prepared statement once for all values
    /// (<c>plan_cache_mode=force_generic_plan</c>, decision 25), added to the session options the string or
    /// <c>PGOPTIONS</c> gives unless they set <c>plan_cache_mode</c> themselves: PostgreSQL otherwise plans it again at
    /// every run whenever it judges a plan for the values at hand cheaper, which it did for the portal's reads of a list of
    /// customers. Pooled connections are not reset when a request gives them back (decision 26).
    /// </summary>
    internal static string PostgresConnectionString(string connectionString, bool genericPlans, string? environmentOptions)
    {
        // Npgsql's own builder knows every keyword, so whether the string names one is asked of a plain builder.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = 128;
        }

        // Nothing of the API's lives in a session beyond its transaction (row locks are FOR UPDATE, settings are startup
        // options), so a pooled connection is handed out again as it is, without a session reset each time it is reused
        // (decision 26). Npgsql still rolls back a transaction left open. A string that names the keyword is obeyed.
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        // Npgsql reads PGOPTIONS only when the string has no Options, so once Options is set here it must carry them.
        var options = string.IsNullOrWhiteSpace(builder.Options) ? environmentOptions : builder.Options;
        if (genericPlans && options?.Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(options) ? GenericPlans : $"{options} {GenericPlans}";
        }

        return builder.ToString();
    }

    /// <summary>The session option that makes PostgreSQL plan each prepared statement once, for every value bound to it.</summary>
    internal const string GenericPlans = "-c plan_cache_mode=force_generic_plan";

    private static string SqliteConnectionString(DatabaseOptions options, string? connectionString, string contentRootPath)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(csb.DataSource))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRootPath, options.SqlitePath));
        }

        csb.DefaultTimeout = Math.Max(30, options.SqliteBusyTimeoutMs / 1000);
        csb.ForeignKeys = true;
        if (csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(csb.DataSource);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return csb.ToString();
    }
}
