using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Fuzz;

/// <summary>
/// Sends every operation of the served OpenAPI document generated well-formed and hostile requests (see
/// <see cref="HostileValues"/>) as an anonymous caller, a tenant owner, a platform admin and an API client (all
/// scopes, so cases reach handlers rather than stopping at 401/403). Every answer must be below 500, carry
/// X-Request-Id, and show no internals (stack frames, exception or .NET type names, SQL, Npgsql messages).
/// <para>
/// Deterministic by seed: case i of an operation draws from Random(hash(seed, operationId, i)). Environment:
/// FUZZ_CASES (cases per operation, default 100), FUZZ_SEED (default fixed, so CI is reproducible), FUZZ_OPS
/// (comma-separated operationIds, to replay one). A failure prints the seed and the case.
/// </para>
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class OpenApiFuzzTests(PlatformFixture fixture, ITestOutputHelper output)
{
    private const int DefaultCases = 100;
    private const int DefaultSeed = 20261205;

    [GeneratedRegex(@"\bat [A-Za-z_][\w.`<>]*\.[\w<>`]+\(|\b\w+Exception\b|Npgsql|SQLSTATE|\b(?:System|Microsoft|Platform)\.[A-Z]\w+|\.cs:line \d|syntax error at or near|violates (?:unique|foreign key|check|not-null) constraint|\bSELECT\b[^""]{0,200}\bFROM\b")]
    private static partial Regex Internals();

    [Fact]
    public async Task EveryOperation_ValidAndHostileRequests_NeverServerErrorOrInternals()
    {
        var cases = EnvInt("FUZZ_CASES", DefaultCases);
        var seed = EnvInt("FUZZ_SEED", DefaultSeed);
        var only = Environment.GetEnvironmentVariable("FUZZ_OPS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var tenant = await fixture.CreateTenantAsync("fuzz");
        using var anonymous = fixture.CreateClient();
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = FuzzOperation.All(document).Where(o => only is null || only.Contains(o.Id)).ToList();
        Assert.NotEmpty(operations);

        var clients = new Dictionary<FuzzCaller, HttpClient>
        {
            [FuzzCaller.Anonymous] = anonymous,
            [FuzzCaller.Owner] = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner")),
            // A platform admin of its own: the fuzz drains its rate-limit bucket, which the shared admin's other tests need.
            [FuzzCaller.PlatformAdmin] = fixture.CreateClient(TestCaller.PlatformAdmin with { Subject = $"platform-admin-fuzz-{Guid.NewGuid():N}" }),
            [FuzzCaller.ApiClient] = fixture.CreateClient(TestCaller.ApiClient(tenant.Id, [.. PlatformScopes.All])),
        };
        var requests = new FuzzRequests(document.GetProperty("components").GetProperty("schemas"), tenant.Slug);
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clientRefused = 0;
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (operation, ct) =>
        {
            var reported = 0;
            for (var i = 0; i < cases && reported < 3; i++)
            {
                var random = new Random(CaseSeed(seed, operation.Id, i));
                var (request, caller, description) = requests.Build(operation, random);
                using (request)
                {
                    var failure = await SendAsync(clients[caller], request, statuses, () => Interlocked.Increment(ref clientRefused), ct);
                    if (failure is not null)
                    {
                        reported++;
                        failures.Add($"{operation.Id} case {i} as {caller}: {description}\n    → {failure}");
                    }
                }
            }
        });

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: seed {seed}, {operations.Count} operations × {cases} cases in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; refused by HttpClient {clientRefused}"));
        Assert.True(failures.IsEmpty,
            $"FUZZ_SEED={seed} FUZZ_CASES={cases} found {failures.Count} failing cases (replay one with FUZZ_OPS=<operationId>):\n" +
            string.Join('\n', failures.OrderBy(f => f, StringComparer.Ordinal)));
    }

    private static async Task<string?> SendAsync(
        HttpClient client, HttpRequestMessage request, ConcurrentDictionary<int, int> statuses, Action refused, CancellationToken ct)
    {
        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException && e.Source == "System.Net.Http")
        {
            // The in-process client itself refused to send it (a header value it will not write); the server never
            // saw it, so there is nothing to judge.
            refused();
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "no answer within 60 s";
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The test server hands an exception that escaped the app's pipeline to the client: a 500 in production.
            return $"the app threw {e.GetType().Name}: {FuzzRequests.Shorten(e.Message)}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var body = IsText(response) ? await response.Content.ReadAsStringAsync(ct) : "";
            if (status >= 500)
            {
                return $"{status}: {FuzzRequests.Shorten(body)}";
            }

            if (!response.Headers.Contains("X-Request-Id"))
            {
                return $"{status} without X-Request-Id";
            }

            return Internals().Match(body) is { Success: true } leak
                ? $"{status} shows internals ('{leak.Value}'): {FuzzRequests.Shorten(body)}"
                : null;
        }
    }

    private static bool IsText(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type &&
        (type.Contains("json", StringComparison.Ordinal) || type.StartsWith("text/", StringComparison.Ordinal));

    /// <summary>A stable hash (string.GetHashCode differs per process), so a seed names the same cases everywhere.</summary>
    private static int CaseSeed(int seed, string operationId, int index)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in operationId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)((hash ^ (uint)index) * 16777619u);
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
