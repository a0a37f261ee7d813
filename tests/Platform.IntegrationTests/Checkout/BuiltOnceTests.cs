using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Payments;
using Platform.Persistence;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Issue #20 item 3: what the allocation profile of a checkout request found rebuilt on every request, and is now built
/// once per process (docs/benchmarks.md, session 13). Each request resolves these from its own scope, so two scopes
/// getting the same instance is what "built once" means; a scoped registration would give each scope a new one.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BuiltOnceTests(PlatformFixture fixture)
{
    /// <summary>The context's options: building them per request (UseNpgsql, warnings, interceptors) was ~4–6 % of its bytes.</summary>
    [Fact]
    public void DbContextOptions_TwoRequests_ShareOneInstance() =>
        AssertSharedAcrossScopes<DbContextOptions<PlatformDbContext>>();

    /// <summary>The checkout validators: each one's constructor builds its rules (CreateOrderRequestValidator ~3 % of an order's bytes).</summary>
    [Fact]
    public void CheckoutValidators_TwoRequests_ShareOneInstance()
    {
        AssertSharedAcrossScopes<IValidator<CreateHoldRequest>>();
        AssertSharedAcrossScopes<IValidator<CreateOrderRequest>>();
        AssertSharedAcrossScopes<IValidator<PayRequest>>();
    }

    private void AssertSharedAcrossScopes<T>() where T : class
    {
        using var first = fixture.Factory.Services.CreateScope();
        using var second = fixture.Factory.Services.CreateScope();
        Assert.Same(first.ServiceProvider.GetRequiredService<T>(), second.ServiceProvider.GetRequiredService<T>());
    }
}
