using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Persistence;

/// <summary>
/// Every raw query that maps rows to a class (<c>Database.SqlQuery&lt;T&gt;</c> / <c>SqlQueryRaw&lt;T&gt;</c> with a
/// non-scalar T) is run once against the migrated schema, through EF as production runs it. EF reads such a row by
/// column name, and the model's snake-case convention names T's properties' columns (SeatId → seat_id): a query whose
/// aliases do not match answers 500 at run time — an import planner query did, with Pascal-case aliases, and only the
/// import tests caught it. EF checks the result's columns against T's when the reader opens, so this holds with no
/// rows. Holes are bound to NULL, inside a transaction that is rolled back, with no tenant set (RLS shows no rows).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class RawQueryRowTypeTests(PlatformFixture fixture, ITestOutputHelper output)
{
    private static readonly MethodInfo RunMethod = typeof(RawQueryRowTypeTests).GetMethod(nameof(RunAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    [Fact]
    public async Task EveryRowTypedRawQuery_ColumnsMapToItsRowType()
    {
        var calls = new[] { typeof(PlatformDbContext).Assembly, typeof(Program).Assembly }.SelectMany(RawQueryCalls.In).ToList();
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        // EF's own test of a scalar query (SqlQuery<int>, <Guid?>…): a type it maps to a column type.
        var types = db.GetService<IRelationalTypeMappingSource>();
        var rowTyped = calls.Where(c => types.FindMapping(c.RowType) is null).ToList();
        foreach (var call in calls)
        {
            output.WriteLine($"{call.Caller}: SqlQuery<{call.RowType.Name}>{(rowTyped.Contains(call) ? " (row type)" : "")}");
        }

        // The scan must see the calls there are, or this test would pass on nothing.
        Assert.Contains(calls, c => c.RowType == typeof(bool));
        Assert.NotEmpty(rowTyped);

        var failures = new List<string>();
        foreach (var call in rowTyped)
        {
            if (call.Sql is null)
            {
                failures.Add($"{call.Caller}: SqlQuery<{call.RowType.Name}> has no constant SQL this test can run; give it one.");
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                await (Task)RunMethod.MakeGenericMethod(call.RowType).Invoke(null, [db, call.Sql])!;
            }
            catch (Exception ex)
            {
                failures.Add($"{call.Caller}: SqlQuery<{call.RowType.Name}>: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Runs the query as SqlQueryRaw with each hole (<c>{n}</c>) bound to NULL, and reads every row.</summary>
    private static async Task RunAsync<T>(PlatformDbContext db, string sql)
    {
        var holes = Hole().Matches(sql).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
        await db.Database.SqlQueryRaw<T>(sql, new object?[holes]!).ToListAsync();
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)\}")]
    private static partial Regex Hole();
}
