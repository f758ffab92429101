using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Hosting;

/// <summary>
/// On PostgreSQL the API turns on Npgsql's automatic preparation unless the connection string sets it: a statement run
/// several times on a connection is prepared there, and the server no longer parses and plans it on every run. Unless the
/// connection string's session options set <c>plan_cache_mode</c> or Database:PostgresGenericPlans is off, sessions plan a
/// prepared statement once for all values (decision 25). A pooled connection is handed out again without resetting its
/// session (decision 26), unless the connection string asks for the reset.
/// </summary>
public sealed class PostgresPreparationTests
{
    [Theory]
    [PostgresData]
    public async Task AStatementRunSeveralTimesOnAConnection_IsPreparedThere(TestDb engine)
    {
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync(engine));
        Assert.Equal(0, await PreparedTenantCountsAsync(factory, runs: 1));
        Assert.Equal(1, await PreparedTenantCountsAsync(factory, runs: 6));
    }

    [Theory]
    [PostgresData]
    public async Task AConnectionStringThatTurnsItOff_IsObeyed(TestDb engine)
    {
        await using var factory = await WithConnectionStringAsync(engine, ";Max Auto Prepare=0");
        Assert.Equal(0, await PreparedTenantCountsAsync(factory, runs: 6));
    }

    [Theory]
    [PostgresData]
    public async Task ASession_PlansAPreparedStatementOnceForAllValues(TestDb engine)
    {
        await using var factory = new ApiFactory(await TestDatabase.CreateAsync(engine));
        Assert.Equal("force_generic_plan", await SettingAsync(factory, "plan_cache_mode"));
    }

    [Theory]
    [PostgresData]
    public async Task AConnectionStringWithOptionsOfItsOwn_KeepsThem_AndGetsGenericPlansBesideThem(TestDb engine)
    {
        await using var factory = await WithConnectionStringAsync(engine, ";options=-c statement_timeout=60000");
        Assert.Equal("force_generic_plan", await SettingAsync(factory, "plan_cache_mode"));
        Assert.Equal("1min", await SettingAsync(factory, "statement_timeout"));
    }

    [Theory]
    [PostgresData]
    public async Task AConnectionStringThatSetsThePlanCacheMode_IsObeyed(TestDb engine)
    {
        await using var factory = await WithConnectionStringAsync(engine, ";Options=-c plan_cache_mode=force_custom_plan");
        Assert.Equal("force_custom_plan", await SettingAsync(factory, "plan_cache_mode"));
    }

    [Theory]
    [PostgresData]
    public async Task WithGenericPlansOff_TheSessionKeepsPostgresDefault(TestDb engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Database:PostgresGenericPlans"] = "false" });
        Assert.Equal("auto", await SettingAsync(factory, "plan_cache_mode"));
    }

    [Theory]
    [PostgresData]
    public async Task APooledConnection_IsHandedOutAgainWithoutASessionReset(TestDb engine)
    {
        // One connection in the pool, so the second scope gets the session the first one gave back.
        await using var factory = await WithConnectionStringAsync(engine, ";Maximum Pool Size=1");
        await SetSessionProbeAsync(factory, "kept");
        Assert.Equal("kept", await SessionProbeAsync(factory));
    }

    [Theory]
    [PostgresData]
    public async Task AConnectionStringThatAsksForTheSessionReset_GetsIt(TestDb engine)
    {
        await using var factory = await WithConnectionStringAsync(engine, ";Maximum Pool Size=1;No Reset On Close=false");
        await SetSessionProbeAsync(factory, "kept");
        Assert.Equal(string.Empty, await SessionProbeAsync(factory));
    }

    private static async Task SetSessionProbeAsync(ApiFactory factory, string value)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database
            .ExecuteSqlAsync($"SELECT set_config('headlessportal.probe', {value}, false)");
    }

    /// <summary>A session setting of the connection the next scope gets; empty once the session was reset.</summary>
    private static async Task<string> SessionProbeAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT coalesce(current_setting('headlessportal.probe', true), '')";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The API on a new database whose connection string ends with <paramref name="suffix"/>.</summary>
    private static async Task<ApiFactory> WithConnectionStringAsync(TestDb engine, string suffix)
    {
        var database = await TestDatabase.CreateAsync(engine);
        return new ApiFactory(database, new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = database.ConnectionString + suffix });
    }

    private static async Task<string> SettingAsync(ApiFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SHOW " + name;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Counts the tenants <paramref name="runs"/> times on one connection, then how many such statements it holds prepared.</summary>
    private static async Task<long> PreparedTenantCountsAsync(ApiFactory factory, int runs)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < runs; i++)
        {
            await db.Tenants.AsNoTracking().Where(t => t.Name != "prepared-statement-probe").CountAsync();
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%prepared-statement-probe%'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
