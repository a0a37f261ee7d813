using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Pricing.Quotes;

namespace Platform.IntegrationTests.Pricing;

[Collection(PlatformCollection.Name)]
public sealed class EventQuoteApiTests(PlatformFixture fixture)
{
    private static async Task CreateRuleAsync(HttpClient owner, object rule) =>
        (await owner.PostAsJsonAsync("/api/v1/pricing-rules", rule)).EnsureSuccessStatusCode();

    [Fact]
    public async Task QuoteEvent_ChildDiscountFeeAndInclusiveTax_ExplainsEachRuleAndReAdds()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync();
        var ticketType = Assert.Single(ev.TicketTypes);
        await CreateRuleAsync(scenario.Owner, new { name = "Child 50%", kind = "audience_discount", valueType = "percentage", basisPoints = 5000, audience = "child", proof = "Age under 12" });
        await CreateRuleAsync(scenario.Owner, new { name = "Service fee", kind = "service_fee", valueType = "fixed", amount = 150, currency = "EUR", feeBasis = "per_ticket" });
        await CreateRuleAsync(scenario.Owner, new { name = "VAT 19%", kind = "tax", basisPoints = 1900, taxInclusive = true });

        var quote = await (await scenario.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new object[]
            {
                new { ticketTypeId = ticketType.Id, quantity = 2 },
                new { ticketTypeId = ticketType.Id, quantity = 1, audience = "child" },
            },
        })).ReadAsync<QuoteResponse>();

        Assert.Equal("EUR", quote.Currency);
        Assert.Equal(2500, quote.Lines[0].UnitPrice);
        Assert.Equal(3 * 2500, quote.Subtotal);
        Assert.Equal(1250, quote.Discount);
        Assert.Equal(3 * 150, quote.Fees);
        Assert.True(quote.TaxInclusive);
        Assert.Equal(quote.Subtotal - quote.Discount + quote.Fees, quote.Total);
        Assert.Equal(quote.Total, quote.Lines.Sum(l => l.Total) + quote.Charges.Sum(c => c.Total));
        Assert.Equal("Age under 12", quote.Lines[1].ProofRequired);
        Assert.Contains(quote.Lines[1].Adjustments, a => a.Kind == "audience_discount" && a.Amount == -1250 && a.Explanation.Length > 0);
    }

    [Fact]
    public async Task QuoteEvent_PricesComeFromTheTicketType_NotTheClient()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync();
        var ticketType = Assert.Single(ev.TicketTypes);

        var response = await scenario.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = ticketType.Id, quantity = 1, unitPrice = 1 } },
        });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task QuoteEvent_TicketTypeOfAnotherEventOrTooMany_Returns422NamingTheLine()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync();
        var other = await scenario.PublishedGaEventAsync(title: "Other");
        var ticketType = Assert.Single(ev.TicketTypes);

        var foreign = await (await scenario.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = Assert.Single(other.TicketTypes).Id, quantity = 1 } },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var tooMany = await (await scenario.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = ticketType.Id, quantity = 4 }, new { ticketTypeId = ticketType.Id, quantity = 3 } },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("lines[0].ticketTypeId", foreign.ErrorFields());
        Assert.Contains("lines[0].quantity", tooMany.ErrorFields());
    }

    [Fact]
    public async Task QuoteEvent_UnknownPromoCode_Returns422AndNoQuote()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync();

        var problem = await (await scenario.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = Assert.Single(ev.TicketTypes).Id, quantity = 1 } },
            promoCode = "NOPE",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("promoCode", problem.ErrorFields());
    }

    [Fact]
    public async Task QuoteEvent_AnotherTenantsEvent_Returns404()
    {
        var mine = await EventScenario.CreateAsync(fixture);
        var theirs = await EventScenario.CreateAsync(fixture);
        var ev = await theirs.PublishedGaEventAsync();

        await (await mine.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = Assert.Single(ev.TicketTypes).Id, quantity = 1 } },
        })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task QuotePublicEvent_ListedEvent_QuotesAnonymously_DraftIsNotFound()
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var listed = await scenario.PublishedGaEventAsync();
        var draft = await scenario.CreateEventAsync(title: "Draft");
        using var anonymous = fixture.CreateClient();
        var prefix = $"/api/v1/public/tenants/{scenario.Tenant.Slug}/events";

        var quote = await (await anonymous.PostAsJsonAsync($"{prefix}/{listed.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = Assert.Single(listed.TicketTypes).Id, quantity = 2 } },
        })).ReadAsync<QuoteResponse>();
        Assert.Equal(5000, quote.Total);

        await (await anonymous.PostAsJsonAsync($"{prefix}/{draft.Id}/quote", new
        {
            lines = new[] { new { ticketTypeId = Guid.NewGuid(), quantity = 1 } },
        })).ProblemAsync(HttpStatusCode.NotFound);
    }
}
