using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Http;
using Platform.Tenancy.Administration;

namespace Platform.IntegrationTests.Infrastructure;

public static class ApiClientExtensions
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success but got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Asserts an RFC 9457 problem response with the given status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name) : [];

    /// <summary>Creates a tenant with a unique slug through the admin API.</summary>
    public static async Task<TenantResponse> CreateTenantAsync(this PlatformFixture fixture, string prefix = "t", string currency = "EUR",
        string locale = "en")
    {
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/v1/admin/tenants", new
        {
            slug,
            displayName = $"Tenant {slug}",
            kind = "promoter",
            locale,
            timeZone = "Europe/Berlin",
            defaultCurrency = currency,
        });
        return await response.ReadAsync<TenantResponse>();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpExtensions.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}
