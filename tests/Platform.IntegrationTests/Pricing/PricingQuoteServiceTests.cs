using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Pricing;
using Platform.Pricing.Quotes;
using Platform.Pricing.Rules;
using Platform.Pricing.Vouchers;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Pricing;

/// <summary>The quote service through the DI container on real PostgreSQL, with rules created over the API.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PricingQuoteServiceTests(PlatformFixture fixture)
{
    private static readonly Guid Stalls = Guid.NewGuid();
    private static readonly Guid Balcony = Guid.NewGuid();

    private async Task<(Guid TenantId, HttpClient Owner)> TenantAsync()
    {
        var tenant = await fixture.CreateTenantAsync("qt", "EUR");
        return (tenant.Id, fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner)));
    }

    private async Task<QuoteResponse> QuoteAsync(Guid tenantId, QuoteInput input)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await scope.ServiceProvider.GetRequiredService<PricingQuoteService>().QuoteAsync(input, CancellationToken.None);
    }

    private static async Task<Guid> CreateAsync(HttpClient owner, string path, object body) =>
        path.EndsWith("vouchers", StringComparison.Ordinal)
            ? (await (await owner.PostAsJsonAsync(path, body)).ReadAsync<VoucherResponse>()).Id
            : (await (await owner.PostAsJsonAsync(path, body)).ReadAsync<PricingRuleResponse>()).Id;

    private static void AssertReAdds(QuoteResponse q)
    {
        Assert.Equal(q.Total, q.Subtotal - q.Discount + q.Fees + (q.TaxInclusive ? 0 : q.Tax));
        Assert.Equal(q.Total, q.Lines.Sum(l => l.Total) + q.Charges.Sum(c => c.Total));
    }

    [Fact]
    public async Task QuoteAsync_TenantRules_AppliedInOrderWithExplanations()
    {
        var (tenantId, owner) = await TenantAsync();
        var eventId = Guid.NewGuid();
        var child = await CreateAsync(owner, "/api/v1/pricing-rules", PricingRuleApiTests.ChildDiscount());
        var fee = await CreateAsync(owner, "/api/v1/pricing-rules", new { name = "Service fee", kind = "service_fee", valueType = "fixed", amount = 150, currency = "EUR", feeBasis = "per_ticket" });
        await CreateAsync(owner, "/api/v1/pricing-rules", new { name = "VAT 19%", kind = "tax", basisPoints = 1900, taxInclusive = true });
        await CreateAsync(owner, "/api/v1/pricing-rules", new { name = "Other event only", kind = "service_fee", valueType = "percentage", basisPoints = 5000, feeBasis = "per_order", eventIds = new[] { Guid.NewGuid() } });
        await CreateAsync(owner, "/api/v1/pricing-rules", new { name = "Switched off", kind = "quantity_tier", valueType = "percentage", basisPoints = 9000, minQuantity = 2, active = false });

        var quote = await QuoteAsync(tenantId, new QuoteInput(eventId, "EUR",
        [
            new QuoteLineInput(Stalls, null, Audience.Child, 2, 3000),
            new QuoteLineInput(Stalls, null, Audience.Adult, 1, 3000),
        ]));

        AssertReAdds(quote);
        Assert.Equal(9000, quote.Subtotal);
        Assert.Equal(3000, quote.Discount);
        Assert.Equal(450, quote.Fees);
        Assert.Empty(quote.Charges);
        Assert.Equal(6450, quote.Total);
        Assert.Equal(1030, quote.Tax); // 6450 × 19 / 119 = 1029.8
        var childLine = quote.Lines[0];
        Assert.Equal("ID with date of birth", childLine.ProofRequired);
        Assert.Equal([child, fee], childLine.Adjustments.Where(a => a.Kind != "tax").Select(a => a.RuleId!.Value));
        Assert.All(childLine.Adjustments, a => Assert.False(string.IsNullOrWhiteSpace(a.Explanation)));
    }

    [Fact]
    public async Task QuoteAsync_PromoCodeAnyCase_AppliesToItsTicketTypesOnly()
    {
        var (tenantId, owner) = await TenantAsync();
        await CreateAsync(owner, "/api/v1/vouchers", new { code = "Balcony-Half", valueType = "percentage", basisPoints = 5000, ticketTypeIds = new[] { Balcony } });

        var quote = await QuoteAsync(tenantId, new QuoteInput(Guid.NewGuid(), "EUR",
            [new QuoteLineInput(Stalls, null, Audience.Adult, 1, 4000), new QuoteLineInput(Balcony, null, Audience.Adult, 2, 2000)],
            PromoCode: "balcony-half"));

        AssertReAdds(quote);
        Assert.Equal("Balcony-Half", quote.PromoCode);
        Assert.Equal(0, quote.Lines[0].Discount);
        Assert.Equal(2000, quote.Lines[1].Discount);
        Assert.Equal("promo_code", Assert.Single(quote.Lines[1].Adjustments).Kind);
    }

    [Fact]
    public async Task QuoteAsync_ExhaustedVoucher_RefusedWith422OnPromoCode()
    {
        var (tenantId, owner) = await TenantAsync();
        var voucher = await CreateAsync(owner, "/api/v1/vouchers", new { code = "ONCE", valueType = "percentage", basisPoints = 1000, maxUses = 1 });
        var input = new QuoteInput(Guid.NewGuid(), "EUR", [new QuoteLineInput(Stalls, null, Audience.Adult, 1, 1000)], PromoCode: "once");
        Assert.Equal(900, (await QuoteAsync(tenantId, input)).Total);

        await VoucherApiTests.RedeemAsync(fixture, tenantId, voucher, "first@example.com");
        var error = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(tenantId, input));

        Assert.Equal("promo_exhausted", error.Code);
        Assert.Contains("promoCode", error.Errors!.Keys);
    }

    [Fact]
    public async Task QuoteAsync_PerBuyerLimit_CountsThatBuyersRedemptionsOnly()
    {
        var (tenantId, owner) = await TenantAsync();
        var voucher = await CreateAsync(owner, "/api/v1/vouchers", new { code = "FANCLUB", valueType = "fixed", amount = 500, currency = "EUR", maxUsesPerBuyer = 1 });
        await VoucherApiTests.RedeemAsync(fixture, tenantId, voucher, "Used@Example.com");
        QuoteInput For(string? email) => new(Guid.NewGuid(), "EUR", [new QuoteLineInput(Stalls, null, Audience.Adult, 2, 2000)], PromoCode: "FANCLUB", BuyerEmail: email);

        var fresh = await QuoteAsync(tenantId, For("new@example.com"));
        var used = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(tenantId, For(" used@example.com ")));
        var anonymous = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(tenantId, For(null)));

        Assert.Equal(3000, fresh.Total);
        Assert.Equal("promo_buyer_limit_reached", used.Code);
        Assert.Equal("buyer_email_required", anonymous.Code);
        Assert.Contains("buyerEmail", anonymous.Errors!.Keys);
    }

    [Fact]
    public async Task QuoteAsync_ExpiredPromo_Refused()
    {
        var (tenantId, owner) = await TenantAsync();
        await CreateAsync(owner, "/api/v1/vouchers", new { code = "LASTYEAR", valueType = "percentage", basisPoints = 1000, validFrom = "2020-01-01T00:00:00Z", validUntil = "2021-01-01T00:00:00Z" });

        var error = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(tenantId,
            new QuoteInput(Guid.NewGuid(), "EUR", [new QuoteLineInput(Stalls, null, Audience.Adult, 1, 1000)], PromoCode: "LASTYEAR")));

        Assert.Equal("promo_expired", error.Code);
    }

    [Fact]
    public async Task QuoteAsync_AnotherTenantsCodeOrEventRestrictedCode_IsUnknown()
    {
        var (tenantId, _) = await TenantAsync();
        var (_, otherOwner) = await TenantAsync();
        await CreateAsync(otherOwner, "/api/v1/vouchers", new { code = "THEIRS", valueType = "percentage", basisPoints = 1000 });
        var (mineId, mine) = await TenantAsync();
        await CreateAsync(mine, "/api/v1/vouchers", new { code = "ELSEWHERE", valueType = "percentage", basisPoints = 1000, eventIds = new[] { Guid.NewGuid() } });
        var line = new QuoteLineInput(Stalls, null, Audience.Adult, 1, 1000);

        var foreign = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(tenantId, new QuoteInput(Guid.NewGuid(), "EUR", [line], PromoCode: "THEIRS")));
        var restricted = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(mineId, new QuoteInput(Guid.NewGuid(), "EUR", [line], PromoCode: "ELSEWHERE")));

        Assert.Equal("promo_unknown", foreign.Code);
        Assert.Equal("promo_unknown", restricted.Code);
    }

    [Fact]
    public async Task QuoteAsync_AnotherTenantsRules_NeverApply()
    {
        var (tenantId, _) = await TenantAsync();
        var (_, other) = await TenantAsync();
        await CreateAsync(other, "/api/v1/pricing-rules", new { name = "Their fee", kind = "service_fee", valueType = "fixed", amount = 999, currency = "EUR", feeBasis = "per_order" });

        var quote = await QuoteAsync(tenantId, new QuoteInput(Guid.NewGuid(), "EUR", [new QuoteLineInput(Stalls, null, Audience.Adult, 1, 1000)]));

        Assert.Equal(1000, quote.Total);
        Assert.Empty(quote.Charges);
    }

    [Fact]
    public async Task QuoteAsync_EarlyBirdFirstN_UsesTicketsAlreadySold()
    {
        var (tenantId, owner) = await TenantAsync();
        await CreateAsync(owner, "/api/v1/pricing-rules", new { name = "First 50", kind = "early_bird", valueType = "fixed", amount = 1000, currency = "EUR", firstTickets = 50 });

        var quote = await QuoteAsync(tenantId, new QuoteInput(Guid.NewGuid(), "EUR",
            [new QuoteLineInput(Stalls, null, Audience.Adult, 4, 5000)], TicketsAlreadySold: 47));

        Assert.Equal(3000, quote.Discount);
        AssertReAdds(quote);
    }

    [Fact]
    public async Task QuoteAsync_InvalidLines_Refused422NamingEachField()
    {
        var (tenantId, _) = await TenantAsync();

        var error = await Assert.ThrowsAsync<UnprocessableException>(() => QuoteAsync(tenantId, new QuoteInput(Guid.NewGuid(), "XXX",
            [new QuoteLineInput(Stalls, null, Audience.Adult, 0, 1000), new QuoteLineInput(Stalls, null, Audience.Adult, 1, -5)])));

        Assert.Superset(new HashSet<string> { "currency", "lines[0].quantity", "lines[1].unitPrice" }, error.Errors!.Keys.ToHashSet());
    }

    [Fact]
    public async Task QuoteAsync_NoTenant_FailsClosed()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PricingQuoteService>();

        await Assert.ThrowsAsync<TenantIsolationException>(() => service.QuoteAsync(
            new QuoteInput(Guid.NewGuid(), "EUR", [new QuoteLineInput(Stalls, null, Audience.Adult, 1, 1000)]), CancellationToken.None));
    }
}
