using System.Text.RegularExpressions;

namespace HeadlessPortal.Architecture.Tests;

/// <summary>
/// PostgreSQL connections go back to the pool without a session reset (decision 26), so state a statement leaves in the
/// session would reach the next request that gets the connection, another tenant's perhaps. Session state must be scoped
/// to its transaction (<c>SET LOCAL</c>, <c>set_config(..., true)</c>, <c>pg_advisory_xact_lock</c>, <c>FOR UPDATE</c>);
/// this fails on SQL in the source that would outlive it.
/// </summary>
public sealed partial class SessionStateTests
{
    [Fact]
    public void NoSqlInTheSource_KeepsStateInAPostgresSession()
    {
        var found = SourceFiles.UnderSrc()
            .SelectMany(path => SessionState().Matches(SourceFiles.Read(path)).Select(m => $"{path}: {m.Value.Trim()}"))
            .ToList();

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("SET statement_timeout = 0", true)]
    [InlineData("SET search_path TO portal", true)]
    [InlineData("SET ROLE tenant_a", true)]
    [InlineData("SET SESSION AUTHORIZATION admin", true)]
    [InlineData("SET TIME ZONE 'UTC'", true)]
    [InlineData("RESET ALL", true)]
    [InlineData("SELECT set_config('app.tenant', @p0, false)", true)]
    [InlineData("SELECT pg_advisory_lock(42)", true)]
    [InlineData("SELECT pg_try_advisory_lock(42)", true)]
    [InlineData("LISTEN imports", true)]
    [InlineData("CREATE TEMP TABLE keys (id uuid)", true)]
    [InlineData("DECLARE c CURSOR WITH HOLD FOR SELECT 1", true)]
    [InlineData("SET LOCAL statement_timeout = 0", false)]
    [InlineData("SELECT set_config('app.tenant', @p0, true)", false)]
    [InlineData("SELECT pg_advisory_xact_lock(42)", false)]
    [InlineData("UPDATE \"Imports\" SET \"Status\" = 'queued'", false)]
    [InlineData("SELECT 1 FROM \"Invoices\" WHERE \"Id\" = ANY(@p0) ORDER BY \"Id\" FOR UPDATE", false)]
    public void ThePattern_TellsSessionStateFromTransactionState(string sql, bool session) =>
        Assert.Equal(session, SessionState().IsMatch(sql));

    // A GUC name is unquoted lowercase, so "SET \"Column\" = ..." of an UPDATE does not match.
    [GeneratedRegex(
        """\bSET\s+(?!LOCAL\b)(SESSION|ROLE|TIME\s+ZONE|[a-z_][a-z0-9_.]*\s*(=|\bTO\b))|\bRESET\s+\w|set_config\s*\([^)]*,\s*false\s*\)|pg_(try_)?advisory_lock|\bLISTEN\s+\w|\bCREATE\s+TEMP(ORARY)?\b|\bWITH\s+HOLD\b""")]
    private static partial Regex SessionState();
}
