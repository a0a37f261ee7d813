using System.Net.Http.Json;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Pricing.Quotes;

namespace Platform.IntegrationTests.Pricing;

/// <summary>Quote explanations carry a stable code and arguments beside the English text, so the console can translate them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class QuoteExplanationCodeTests(PlatformFixture fixture)
{
    [Fact]
    public async Task QuoteEvent_EveryAdjustmentAndCharge_HasCodeAndArguments()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.PublishedGaEventAsync();
        var type = Assert.Single(ev.TicketTypes);
        foreach (var rule in new object[]
                 {
                     new { name = "Child 50%", kind = "audience_discount", valueType = "percentage", basisPoints = 5000, audience = "child", proof = "Age under 12" },
                     new { name = "Ticket fee", kind = "service_fee", valueType = "fixed", amount = 150, currency = "EUR", feeBasis = "per_ticket" },
                     new { name = "Booking fee", kind = "service_fee", valueType = "fixed", amount = 200, currency = "EUR", feeBasis = "per_order" },
                     new { name = "VAT", kind = "tax", basisPoints = 1900, taxInclusive = true },
                 })
        {
            (await s.Owner.PostAsJsonAsync("/api/v1/pricing-rules", rule)).EnsureSuccessStatusCode();
        }

        var quote = await (await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/quote", new
        {
            lines = new object[] { new { ticketTypeId = type.Id, quantity = 1, audience = "child" } },
        })).ReadAsync<QuoteResponse>();

        var adjustments = quote.Lines.SelectMany(l => l.Adjustments).Concat(quote.Charges.SelectMany(c => c.Adjustments)).ToList();
        Assert.All(adjustments, a => Assert.False(string.IsNullOrEmpty(a.Code)));
        var child = Assert.Single(adjustments, a => a.Code == "audience_discount");
        Assert.Equal(("Child 50%", "50%", "child", "Age under 12"), (child.Args!["rule"], child.Args["percent"], child.Args["audience"], child.Args["proof"]));
        var fee = Assert.Single(adjustments, a => a.Code == "service_fee_per_ticket");
        Assert.Equal(("Ticket fee", "150"), (fee.Args!["rule"], fee.Args["amount"]));
        var charge = Assert.Single(quote.Charges);
        Assert.Equal(("order_fee_fixed", "Booking fee", "200"), (charge.Code, charge.Args!["rule"], charge.Args["amount"]));
        Assert.Contains(adjustments, a => a.Code == "tax_included" && a.Args!["percent"] == "19%" && a.Args.ContainsKey("taxable"));
    }
}
