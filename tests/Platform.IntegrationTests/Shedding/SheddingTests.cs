using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Shedding;

namespace Platform.IntegrationTests.Shedding;

[Collection(PlatformCollection.Name)]
public sealed class SheddingTests(PlatformFixture fixture)
{
    /// <summary>
    /// A synthetic overload: the node's in-flight count is filled (as slow checkout work would fill it) to each
    /// threshold in turn, and real requests of each class are sent over HTTP. Browsing must go first, then holds,
    /// while orders and payments still get through.
    /// </summary>
    [Fact]
    public async Task Overload_BrowsingShedFirst_ThenHolds_OrdersKeepWorking()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var gate = fixture.Factory.Services.GetRequiredService<ShedGate>();
        var limits = fixture.Factory.Services.GetRequiredService<IOptions<SheddingOptions>>().Value;
        var held = 0;
        void FillTo(int level)
        {
            while (gate.InFlight < level && gate.TryEnter(ShedClass.Orders))
            {
                held++;
            }
        }

        Task<HttpResponseMessage> Browse() => s.Public.GetAsync($"{s.Prefix}/events/{s.Event.Id}");
        Task<HttpResponseMessage> Hold() => s.HoldGaAsync(1, $"{Guid.NewGuid():N}@example.com");
        Task<HttpResponseMessage> Order() => s.Public.GetAsync($"{s.Prefix}/orders/{Guid.NewGuid()}"); // an order step (404 when it reaches its handler)

        try
        {
            FillTo(limits.BrowseAt);
            var browse = await Browse();
            Assert.Equal("overloaded", (await browse.ProblemAsync(HttpStatusCode.ServiceUnavailable)).Code());
            Assert.Equal("1", browse.Headers.GetValues("Retry-After").Single());
            Assert.Equal(HttpStatusCode.Created, (await Hold()).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Order()).StatusCode);

            FillTo(limits.HoldsAt);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Browse()).StatusCode);
            Assert.Equal("overloaded", (await (await Hold()).ProblemAsync(HttpStatusCode.ServiceUnavailable)).Code());
            Assert.Equal(HttpStatusCode.NotFound, (await Order()).StatusCode);

            FillTo(limits.OrdersAt);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Order()).StatusCode);
        }
        finally
        {
            for (; held > 0; held--)
            {
                gate.Leave();
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await Browse()).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/public/tenants/x/events", ShedClass.Browse)]
    [InlineData("GET", "/t/x/events/1", ShedClass.Browse)]
    [InlineData("GET", "/api/v1/public/tenants/x/events/1/waiting-room/position", ShedClass.Browse)]
    [InlineData("POST", "/api/v1/public/tenants/x/holds", ShedClass.Holds)]
    [InlineData("POST", "/t/x/events/1/2/tickets", ShedClass.Holds)]
    [InlineData("POST", "/api/v1/public/tenants/x/orders", ShedClass.Orders)]
    [InlineData("POST", "/api/v1/public/tenants/x/orders/1/payments", ShedClass.Orders)]
    [InlineData("POST", "/t/x/checkout/1", ShedClass.Orders)]
    [InlineData("GET", "/api/v1/events", ShedClass.None)]
    [InlineData("GET", "/health/live", ShedClass.None)]
    public void Classify_ByPathAndMethod(string method, string path, ShedClass expected)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        Assert.Equal(expected, ShedGate.Classify(context.Request));
    }
}
