using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.OpenApi;

[Collection(PlatformCollection.Name)]
public sealed class OpenApiDocumentTests(PlatformFixture fixture)
{
    private static string CommittedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "openapi", "v1.json");
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var client = fixture.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The OpenAPI document could not be generated: {body}");
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task ServedDocument_MatchesCommittedDocument()
    {
        var served = await ServedAsync();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath()))!;

        Assert.True(JsonNode.DeepEquals(served, committed),
            "openapi/v1.json is out of date: run scripts/generate-openapi.sh and commit the result (and regenerate the SDKs).");
    }

    [Fact]
    public async Task EveryOperation_HasOperationIdSummaryTagsAndErrorResponses()
    {
        var served = await ServedAsync();
        var ids = new List<string>();
        foreach (var (path, item) in served["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{method} {path}";
                var id = operation!["operationId"]?.GetValue<string>();
                Assert.False(string.IsNullOrEmpty(id), $"{where} has no operationId");
                ids.Add(id!);
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{where} has no summary");
                Assert.NotEmpty(operation["tags"]!.AsArray());
                Assert.Contains(operation["responses"]!.AsObject(), r => r.Key.StartsWith('4'));
            }
        }

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var client = fixture.CreateClient();
        var response = await client.GetAsync("/swagger/index.html");
        Assert.True(response.IsSuccessStatusCode);
    }
}
