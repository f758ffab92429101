using Npgsql;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// The session options the API gives PostgreSQL connections (decision 25), beside the operator's own, and its pooled
/// connections handed out again without a session reset (decision 26) unless the string asks for one.
/// </summary>
public sealed class PostgresConnectionStringTests
{
    private const string Server = "Host=db.example;Username=portal;Database=portal";

    [Theory]
    [InlineData(Server, null, DependencyInjection.GenericPlans)]
    [InlineData(Server + ";Options=-c search_path=portal", null, "-c search_path=portal " + DependencyInjection.GenericPlans)]
    [InlineData(Server, "-c statement_timeout=60000", "-c statement_timeout=60000 " + DependencyInjection.GenericPlans)]
    [InlineData(Server + ";Options=-c search_path=portal", "-c statement_timeout=60000", "-c search_path=portal " + DependencyInjection.GenericPlans)]
    [InlineData(Server + ";Options=-c plan_cache_mode=auto", null, "-c plan_cache_mode=auto")]
    [InlineData(Server, "-c PLAN_CACHE_MODE=auto", null)] // Left unset: Npgsql reads PGOPTIONS itself.
    public void SessionOptions_GetGenericPlansBesideTheOperatorsOwn_UnlessTheySetTheMode(string connectionString, string? environment, string? expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DependencyInjection.PostgresConnectionString(connectionString, genericPlans: true, environment)).Options);

    [Theory]
    [InlineData(Server, null, null)]
    [InlineData(Server + ";Options=-c search_path=portal", null, "-c search_path=portal")]
    public void WithGenericPlansOff_TheOptionsAreLeftAsGiven(string connectionString, string? environment, string? expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DependencyInjection.PostgresConnectionString(connectionString, genericPlans: false, environment)).Options);

    [Theory]
    [InlineData(Server, true)]
    [InlineData(Server + ";No Reset On Close=false", false)]
    [InlineData(Server + ";NoResetOnClose=false", false)]
    [InlineData(Server + ";no reset on close=false", false)]
    [InlineData(Server + ";NORESETONCLOSE=false", false)]
    public void PooledConnections_AreNotReset_UnlessTheStringAsks(string connectionString, bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DependencyInjection.PostgresConnectionString(connectionString, genericPlans: true, null)).NoResetOnClose);
}
