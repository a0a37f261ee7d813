using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.CheckIn;
using Platform.Events;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Money;

namespace Platform.IntegrationTests.Http;

/// <summary>Issue #13 item 10: places where the answers disagreed with docs/api.md or with each other.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ContractConsistencyTests(PlatformFixture fixture)
{
    private static int Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{response.RequestMessage!.RequestUri} has no {name}.");
        return int.Parse(values.Single(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task HoldAndOrderCreation_CarryRateLimitRemainingOfTheCheckoutBucket()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);

        var holdResponse = await s.HoldGaAsync(1, "remaining@example.com");
        var hold = await holdResponse.ReadAsync<Platform.Holds.HoldResponse>();
        var order = await s.OrderAsync(hold, email: "remaining@example.com");

        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync());
        foreach (var response in new[] { holdResponse, order })
        {
            var limit = Header(response, "RateLimit-Limit");
            var remaining = Header(response, "RateLimit-Remaining");
            // The test host's buckets are huge and refill every 100 ms, so the exact count is not stable here;
            // RateLimitTests checks the arithmetic on a small bucket.
            Assert.InRange(remaining, 0, limit);
            Assert.True(Header(response, "RateLimit-Reset") >= 0);
        }
    }

    private async Task<JsonElement> InvalidHoldProblemAsync()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var response = await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new { buyerEmail = "not-an-email", lines = new[] { new { quantity = 1 } } });
        return await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ValidationProblem_TypeIsRfc9110NotWebDav()
    {
        var problem = await InvalidHoldProblemAsync();

        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.21", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ValidationMessages_NameFieldsInCamelCaseLikeTheErrorKeys()
    {
        var problem = await InvalidHoldProblemAsync();

        var errors = problem.GetProperty("errors");
        Assert.Contains("'eventId'", Messages(errors, "eventId"), StringComparison.Ordinal);
        Assert.Contains("'buyerEmail'", Messages(errors, "buyerEmail"), StringComparison.Ordinal);
        Assert.DoesNotContain("Event Id", errors.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Buyer Email", errors.GetRawText(), StringComparison.Ordinal);
    }

    private static string Messages(JsonElement errors, string field) =>
        string.Join(' ', errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()));

    [Fact]
    public async Task GateDevice_OnAnEndpointItsTokenDoesNotCover_Gets403WithCode()
    {
        var (s, _, _) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var enrolled = await (await s.Owner.PostAsJsonAsync("/api/v1/check-in/devices", new EnrolDeviceRequest("Gate South", null)))
            .ReadAsync<EnrolledDeviceResponse>();
        using var device = fixture.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", enrolled.Token);

        var problem = await (await device.GetAsync($"/api/v1/orders/{Guid.NewGuid()}/tickets")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("forbidden", problem.Code());
    }

    [Fact]
    public async Task TicketType_TakesAndAnswersTheDocumentedMoneyShape()
    {
        var s = await EventScenario.CreateAsync(fixture, currency: "EUR");
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 10);
        var url = $"/api/v1/events/{ev.Id}/ticket-types";

        var created = await s.Owner.PostAsJsonAsync(url, new { name = "GA", kind = "general_admission", quotaId = quota.Id, price = new { amount = 1999, currency = "EUR" } });
        var old = await s.Owner.PostAsync(url, new StringContent(
            $$$"""{"name":"GA","kind":"general_admission","quotaId":"{{{quota.Id}}}","priceMinor":1999,"currency":"EUR"}""", Encoding.UTF8, "application/json"));
        var noCurrency = await s.Owner.PostAsJsonAsync(url, new { name = "GA", kind = "general_admission", quotaId = quota.Id, price = new { amount = 1999 } });

        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1999, json.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal("EUR", json.GetProperty("price").GetProperty("currency").GetString());
        Assert.False(json.TryGetProperty("priceMinor", out _));
        Assert.Equal("malformed_json", (await old.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Contains("price.currency", (await noCurrency.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var type = await created.ReadAsync<TicketTypeResponse>();
        Assert.Equal(new MoneyResponse(1999, "EUR"), type.Price);
    }
}
