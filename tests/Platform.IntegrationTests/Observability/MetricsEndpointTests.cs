using System.Net;
using System.Net.Http.Headers;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Payments;

namespace Platform.IntegrationTests.Observability;

/// <summary>/metrics: who may read it, and that the platform's own counters move with a purchase.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MetricsEndpointTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Metrics_Anonymous_Is401()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WrongScrapeToken_Is401()
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Scrape.Token + "x");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_TenantOwner_Is403()
    {
        var tenant = await fixture.CreateTenantAsync("mx");
        using var client = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_PlatformAdmin_ServedInPrometheusFormat()
    {
        using var client = fixture.CreateClient(TestCaller.PlatformAdmin);
        // The request histogram has a series only once a request has completed: run alone, this test makes the first.
        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();

        var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_cpu_time_seconds_total", body, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_count", body, StringComparison.Ordinal);
        Assert.Contains("platform_disk_free_ratio", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purchase_MovesCheckoutCounters_ByStepOutcomeAndChannel()
    {
        using var scraper = fixture.CreateClient();
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 4);
        var before = await Scrape.TextAsync(scraper);

        var order = await s.PlaceAsync(quantity: 2);
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var declined = await s.PlaceAsync(quantity: 1, email: "declined@example.com");
        Assert.Equal((HttpStatusCode)402, (await s.PayAsync(declined, SandboxPaymentProvider.DeclineToken)).StatusCode);
        var soldOut = await s.HoldGaAsync(2, "late@example.com");
        Assert.Equal(HttpStatusCode.Conflict, soldOut.StatusCode);

        // The middleware counts once the response has been handed over: poll briefly for the last one.
        var after = await EventuallyAsync(scraper, text => Delta(before, text, "hold", "sold_out") >= 1);
        Assert.Equal(2, Delta(before, after, "hold", "success"));
        Assert.Equal(2, Delta(before, after, "order", "success"));
        Assert.Equal(1, Delta(before, after, "payment", "success"));
        Assert.Equal(1, Delta(before, after, "payment", "card_declined"));
        Assert.Equal(1, Delta(before, after, "hold", "sold_out"));
        Assert.Equal(1, Scrape.Sum(after, "platform_payment_provider_errors_total", ("provider", "sandbox"), ("code", "card_declined"))
                        - Scrape.Sum(before, "platform_payment_provider_errors_total", ("provider", "sandbox"), ("code", "card_declined")));
        Assert.True(Scrape.Sum(after, "platform_problems_total", ("code", "sold_out"), ("route", "/api/v1/public/tenants/{tenant}/holds/"))
                    > Scrape.Sum(before, "platform_problems_total", ("code", "sold_out"), ("route", "/api/v1/public/tenants/{tenant}/holds/")));
    }

    /// <summary>Change of platform_checkout_requests_total for a public (web channel) step and outcome.</summary>
    private static double Delta(string before, string after, string step, string outcome)
    {
        (string, string)[] labels = [("step", step), ("outcome", outcome), ("channel", "web")];
        return Scrape.Sum(after, "platform_checkout_requests_total", labels) - Scrape.Sum(before, "platform_checkout_requests_total", labels);
    }

    internal static async Task<string> EventuallyAsync(HttpClient scraper, Func<string, bool> done)
    {
        var text = await Scrape.TextAsync(scraper);
        for (var i = 0; i < 40 && !done(text); i++)
        {
            await Task.Delay(50);
            text = await Scrape.TextAsync(scraper);
        }

        return text;
    }
}
