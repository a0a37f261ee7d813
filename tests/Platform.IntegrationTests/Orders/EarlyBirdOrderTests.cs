using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Orders;

/// <summary>
/// An early-bird "first N tickets" rule prices orders from the event's sold count, read with the hold when the order
/// is placed: the first buyers get it, and once N are paid and settled the next order pays full price.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EarlyBirdOrderTests(PlatformFixture fixture)
{
    [Fact]
    public async Task EarlyBirdFirstTwo_AppliesUntilTwoAreSold_ThenFullPrice()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        (await s.Owner.PostAsJsonAsync("/api/v1/pricing-rules", new
        {
            name = "First 2", kind = "early_bird", valueType = "fixed", amount = 1000, currency = s.Events.Tenant.DefaultCurrency, firstTickets = 2,
        })).EnsureSuccessStatusCode();

        var first = await s.PlaceAsync(quantity: 2, email: "early@example.com");
        Assert.Equal(2000, first.Discount);
        (await s.PayAsync(first)).EnsureSuccessStatusCode();
        Assert.Equal(2, (await s.SettledCounterAsync()).Sold);

        var late = await s.PlaceAsync(quantity: 1, email: "late@example.com");
        Assert.Equal(0, late.Discount);
        Assert.Equal(late.Subtotal + late.Fees + late.Tax, late.Total);
    }
}
