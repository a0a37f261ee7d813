namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// Storefront visitors: anonymous reads of a tenant's public profile, the request every storefront page makes.
/// Measures the cost of the platform pipeline (request id, logging, tenant resolution, RLS-scoped query).
/// </summary>
public sealed class PublicProfileScenario(string tenantSlug) : IScenario
{
    public string Name => "public-profile";

    public Task PrepareAsync(HttpClient client, CancellationToken ct) => Task.CompletedTask;

    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        using var response = await LoadRunner.TimedAsync(stats, "get_profile",
            () => client.GetAsync($"/api/v1/public/tenants/{tenantSlug}", ct));
        return true;
    }

    public Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct) => Task.CompletedTask;
}
