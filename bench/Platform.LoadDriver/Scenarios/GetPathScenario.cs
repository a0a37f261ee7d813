namespace Platform.LoadDriver.Scenarios;

/// <summary>Anonymous GETs of one path: isolates the cost of a single endpoint (catalog, availability, health).</summary>
public sealed class GetPathScenario(string path) : IScenario
{
    public string Name => $"get {path}";

    public Task PrepareAsync(HttpClient client, CancellationToken ct) => Task.CompletedTask;

    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        using var response = await LoadRunner.TimedAsync(stats, "get", () => client.GetAsync(path, ct));
        return true;
    }

    public Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct) => Task.CompletedTask;
}
