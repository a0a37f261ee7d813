using System.Net;
using System.Net.Http.Json;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Resellers;

namespace Platform.IntegrationTests.Resellers;

[Collection(PlatformCollection.Name)]
public sealed class ResellerAllocationApiTests(PlatformFixture fixture)
{
    private const string Prefix = ResellerEndpoints.AllocationsPrefix;

    [Fact]
    public async Task CreateAllocation_ValidBody_CreatedWithCountersAndAudited()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();

        var response = await s.AllocateAsync(clientId, 25, commissionBps: 1250, priceFloor: 1000, priceCeiling: 5000);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var allocation = await response.ReadAsync<AllocationResponse>();
        Assert.Equal($"{Prefix}/{allocation.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((clientId, s.EventId, (Guid?)null, 25, 0, 0, 25), (allocation.ClientId, allocation.EventId, allocation.TicketTypeId,
            allocation.Quantity, allocation.Held, allocation.Sold, allocation.Remaining));
        Assert.Equal((1250, 1000L, 5000L), (allocation.CommissionBps!.Value, allocation.PriceFloor!.Value, allocation.PriceCeiling!.Value));
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'reseller_allocation.created' AND entity_id = '{allocation.Id}'"));
    }

    [Fact]
    public async Task CreateAllocation_MissingAndOutOfRangeFields_422NamingFields()
    {
        var s = await ResellerScenario.CreateAsync(fixture);

        var problem = await (await s.Owner.PostAsJsonAsync(Prefix, new { quantity = 0, commissionBps = 10001, priceFloor = 500, priceCeiling = 400 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(new[] { "clientId", "commissionBps", "eventId", "priceCeiling", "quantity" }, problem.ErrorFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateAllocation_UnknownClientEventOrTicketType_422()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();
        var other = await ResellerScenario.CreateAsync(fixture);
        var (foreignClient, _) = await other.ClientAsync();

        Assert.Equal(["clientId"], (await (await s.AllocateAsync("client-unknown", 5)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(["clientId"], (await (await s.AllocateAsync(foreignClient, 5)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(["eventId"], (await (await s.AllocateAsync(clientId, 5, eventId: other.EventId)).ProblemAsync(HttpStatusCode.UnprocessableEntity))
            .ErrorFields());
        Assert.Equal(["ticketTypeId"], (await (await s.AllocateAsync(clientId, 5, ticketTypeId: other.TicketTypeId))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task CreateAllocation_SecondForSameEventOrTicketType_409AllocationExists()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();
        await s.AllocationAsync(clientId, 5);
        await s.AllocationAsync(clientId, 5, ticketTypeId: s.TicketTypeId);

        Assert.Equal("allocation_exists", (await (await s.AllocateAsync(clientId, 7)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("allocation_exists", (await (await s.AllocateAsync(clientId, 7, ticketTypeId: s.TicketTypeId))
            .ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task ListAllocations_WithLimitAndClientFilter_PagesByCursor()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (a, _) = await s.ClientAsync("A");
        var (b, _) = await s.ClientAsync("B");
        var first = await s.AllocationAsync(a, 5);
        var second = await s.AllocationAsync(a, 5, ticketTypeId: s.TicketTypeId);
        await s.AllocationAsync(b, 5);

        var page1 = await (await s.Owner.GetAsync($"{Prefix}?clientId={a}&limit=1")).ReadAsync<CursorPage<AllocationResponse>>();
        var page2 = await (await s.Owner.GetAsync($"{Prefix}?clientId={a}&limit=1&cursor={page1.NextCursor}")).ReadAsync<CursorPage<AllocationResponse>>();
        var all = await (await s.Owner.GetAsync(Prefix)).ReadAsync<CursorPage<AllocationResponse>>();

        Assert.Equal(first.Id, Assert.Single(page1.Data).Id);
        Assert.Equal(second.Id, Assert.Single(page2.Data).Id);
        Assert.Null(page2.NextCursor);
        Assert.Equal(3, all.Data.Count);
        Assert.Equal("invalid_query", (await (await s.Owner.GetAsync($"{Prefix}?cursor=nope")).ProblemAsync(HttpStatusCode.BadRequest)).Code());
    }

    [Fact]
    public async Task UpdateAllocation_ValidChange_AppliedAndAudited()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);

        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Prefix}/{allocation.Id}")
        {
            Content = JsonContent.Create(new { quantity = 9, commissionBps = 500 }), Headers = { { "If-Match", $"\"{allocation.Version}\"" } },
        };
        var updated = await (await s.Owner.SendAsync(request)).ReadAsync<AllocationResponse>();

        Assert.Equal((9, 500, 9), (updated.Quantity, updated.CommissionBps!.Value, updated.Remaining));
        Assert.NotEqual(allocation.Version, updated.Version);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'reseller_allocation.updated' AND entity_id = '{allocation.Id}'"));
    }

    [Fact]
    public async Task UpdateAllocation_StaleIfMatch_409VersionMismatch()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);
        (await s.Owner.PatchAsJsonAsync($"{Prefix}/{allocation.Id}", new { quantity = 6 })).EnsureSuccessStatusCode();

        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Prefix}/{allocation.Id}")
        {
            Content = JsonContent.Create(new { quantity = 7 }), Headers = { { "If-Match", $"\"{allocation.Version}\"" } },
        };

        Assert.Equal("version_mismatch", (await (await s.Owner.SendAsync(request)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(6, (await s.GetAllocationAsync(allocation.Id)).Quantity);
    }

    [Fact]
    public async Task UpdateAllocation_QuantityBelowHeldPlusSold_409AllocationBelowSold()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 10);
        await s.SellAsync(reseller, 3);
        (await s.HoldAsync(reseller, 2)).EnsureSuccessStatusCode();

        var problem = await (await s.Owner.PatchAsJsonAsync($"{Prefix}/{allocation.Id}", new { quantity = 4 })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("allocation_below_sold", problem.Code());
        Assert.Equal(["quantity"], problem.ErrorFields());
        (await s.Owner.PatchAsJsonAsync($"{Prefix}/{allocation.Id}", new { quantity = 5 })).EnsureSuccessStatusCode();
        var after = await s.GetAllocationAsync(allocation.Id);
        Assert.Equal((5, 2, 3, 0), (after.Quantity, after.Held, after.Sold, after.Remaining));
    }

    [Fact]
    public async Task UpdateAllocation_CeilingBelowExistingFloor_422()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5, priceFloor: 2000);

        var problem = await (await s.Owner.PatchAsJsonAsync($"{Prefix}/{allocation.Id}", new { priceCeiling = 1000 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["priceCeiling"], problem.ErrorFields());
    }

    [Fact]
    public async Task DeleteAllocation_WithHeldTickets_409ThenAfterReleaseNoContent()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, reseller) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);
        var hold = await (await s.HoldAsync(reseller, 2)).ReadAsync<Platform.Holds.HoldResponse>();

        Assert.Equal("allocation_in_use", (await (await s.Owner.DeleteAsync($"{Prefix}/{allocation.Id}")).ProblemAsync(HttpStatusCode.Conflict)).Code());
        (await reseller.DeleteAsync($"/api/v1/holds/{hold.Id}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await s.Owner.DeleteAsync($"{Prefix}/{allocation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Owner.GetAsync($"{Prefix}/{allocation.Id}")).StatusCode);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'reseller_allocation.deleted' AND entity_id = '{allocation.Id}'"));
    }

    [Fact]
    public async Task AllocationById_OtherTenant_404()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        var (clientId, _) = await s.ClientAsync();
        var allocation = await s.AllocationAsync(clientId, 5);
        var other = await ResellerScenario.CreateAsync(fixture);
        var url = $"{Prefix}/{allocation.Id}";

        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.PatchAsJsonAsync(url, new { quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.DeleteAsync(url)).StatusCode);
        Assert.Empty((await (await other.Owner.GetAsync(Prefix)).ReadAsync<CursorPage<AllocationResponse>>()).Data);
        Assert.Equal(5, (await s.GetAllocationAsync(allocation.Id)).Quantity);
    }

    [Fact]
    public async Task Allocations_BoxOfficeStaff_403()
    {
        var s = await ResellerScenario.CreateAsync(fixture);
        using var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, "box_office"));

        Assert.Equal(HttpStatusCode.Forbidden, (await boxOffice.GetAsync(Prefix)).StatusCode);
    }
}
