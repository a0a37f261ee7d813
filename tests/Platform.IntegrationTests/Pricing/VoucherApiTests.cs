using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Pricing;
using Platform.Pricing.Vouchers;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Pricing;

[Collection(PlatformCollection.Name)]
public sealed class VoucherApiTests(PlatformFixture fixture)
{
    private const string Vouchers = "/api/v1/vouchers";

    private async Task<(Guid TenantId, HttpClient Owner)> TenantAsync(string currency = "EUR")
    {
        var tenant = await fixture.CreateTenantAsync("vo", currency);
        return (tenant.Id, fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner)));
    }

    private static Dictionary<string, object?> Percent(string code, int basisPoints = 1000) => new()
    {
        ["code"] = code, ["valueType"] = "percentage", ["basisPoints"] = basisPoints,
    };

    /// <summary>Records a redemption the way order placement will, in the tenant's own unit of work.</summary>
    internal static async Task RedeemAsync(PlatformFixture fixture, Guid tenantId, Guid voucherId, string? email)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await scope.ServiceProvider.GetRequiredService<VoucherStore>().RedeemAsync(voucherId, email, Guid.NewGuid(), CancellationToken.None);
    }

    [Fact]
    public async Task CreateVoucher_Valid_Returns201AndCanBeRead()
    {
        var (_, owner) = await TenantAsync();
        var body = Percent("Spring-24");
        body["maxUses"] = 100;
        body["maxUsesPerBuyer"] = 2;
        body["validUntil"] = "2027-01-01T00:00:00Z";

        var response = await owner.PostAsJsonAsync(Vouchers, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<VoucherResponse>();
        var fetched = await (await owner.GetAsync($"{Vouchers}/{created.Id}")).ReadAsync<VoucherResponse>();
        Assert.Equal("Spring-24", fetched.Code);
        Assert.Equal(1000, fetched.BasisPoints);
        Assert.Equal(100, fetched.MaxUses);
        Assert.Equal(2, fetched.MaxUsesPerBuyer);
        Assert.Equal(0, fetched.TimesUsed);
    }

    [Fact]
    public async Task CreateVoucher_SameCodeDifferentCase_Returns409ButOtherTenantMayUseIt()
    {
        var (_, owner) = await TenantAsync();
        var (_, other) = await TenantAsync();
        (await owner.PostAsJsonAsync(Vouchers, Percent("SUMMER"))).EnsureSuccessStatusCode();

        var problem = await (await owner.PostAsJsonAsync(Vouchers, Percent("summer"))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("code_taken", problem.Code());
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync(Vouchers, Percent("summer"))).StatusCode);
    }

    [Theory]
    [InlineData("code", "a b")]
    [InlineData("basisPoints", 20000)]
    [InlineData("maxUses", 0)]
    [InlineData("maxUsesPerBuyer", -1)]
    public async Task CreateVoucher_BadField_Returns422NamingIt(string field, object value)
    {
        var (_, owner) = await TenantAsync();
        var body = Percent("GOOD-CODE");
        body[field] = value;

        var problem = await (await owner.PostAsJsonAsync(Vouchers, body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(field, problem.ErrorFields());
    }

    [Theory]
    [InlineData(-500, "EUR", "amount")]
    [InlineData(99.5, "EUR", "amount")]
    [InlineData(500, "GBP", "currency")]
    public async Task CreateVoucher_BadFixedAmount_Returns422NamingTheField(double amount, string currency, string field)
    {
        var (_, owner) = await TenantAsync("EUR");

        var problem = await (await owner.PostAsJsonAsync(Vouchers, new { code = "FIVE-OFF", valueType = "fixed", amount, currency }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task CreateVoucher_InvertedWindow_Returns422NamingValidUntil()
    {
        var (_, owner) = await TenantAsync();
        var body = Percent("WINDOW");
        body["validFrom"] = "2027-01-02T00:00:00Z";
        body["validUntil"] = "2027-01-01T00:00:00Z";

        var problem = await (await owner.PostAsJsonAsync(Vouchers, body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("validUntil", problem.ErrorFields());
    }

    [Fact]
    public async Task CreateVouchersInBulk_Count_CreatesThatManyUniqueSingleUseCodes()
    {
        var (_, owner) = await TenantAsync();

        var response = await owner.PostAsJsonAsync($"{Vouchers}/bulk", new { count = 25, prefix = "vip-", valueType = "percentage", basisPoints = 10000 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bulk = await response.ReadAsync<BulkVoucherResponse>();
        Assert.Equal(25, bulk.Count);
        Assert.Equal(25, bulk.Vouchers.Select(v => v.Code).Distinct().Count());
        Assert.All(bulk.Vouchers, v =>
        {
            Assert.StartsWith("VIP-", v.Code, StringComparison.Ordinal);
            Assert.Equal(1, v.MaxUses);
        });
        var listed = await (await owner.GetAsync($"{Vouchers}?code=vip-&limit=200")).ReadAsync<CursorPage<VoucherResponse>>();
        Assert.Equal(25, listed.Data.Count);
    }

    [Fact]
    public async Task CreateVouchersInBulk_TooMany_Returns422NamingCount()
    {
        var (_, owner) = await TenantAsync();

        var problem = await (await owner.PostAsJsonAsync($"{Vouchers}/bulk", new { count = 1001, valueType = "percentage", basisPoints = 100 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("count", problem.ErrorFields());
    }

    [Fact]
    public async Task ListVouchers_Cursor_PagesThroughOwnVouchersOnly()
    {
        var (_, owner) = await TenantAsync();
        var (_, other) = await TenantAsync();
        await other.PostAsJsonAsync(Vouchers, Percent("OTHER-1"));
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await (await owner.PostAsJsonAsync(Vouchers, Percent($"CODE-{i}"))).ReadAsync<VoucherResponse>()).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await owner.GetAsync($"{Vouchers}?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadAsync<CursorPage<VoucherResponse>>();
            seen.AddRange(page.Data.Select(v => v.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task ReplaceVoucher_Valid_UpdatesAndAudits()
    {
        var (_, owner) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Vouchers, Percent("EDIT-ME"))).ReadAsync<VoucherResponse>();
        var body = Percent("EDIT-ME", 2500);
        body["active"] = false;

        var updated = await (await owner.PutAsJsonAsync($"{Vouchers}/{created.Id}", body)).ReadAsync<VoucherResponse>();

        Assert.Equal(2500, updated.BasisPoints);
        Assert.False(updated.Active);
        var audit = await (await owner.GetAsync($"/api/v1/audit-log?entityType=voucher&entityId={created.Id}"))
            .ReadAsync<CursorPage<Platform.Auditing.AuditEntryResponse>>();
        Assert.Equal(["voucher.created", "voucher.updated"], audit.Data.Select(e => e.Action));
        Assert.True(audit.Data[1].Changes!.Value.TryGetProperty("active", out _));
    }

    [Fact]
    public async Task DeleteVoucher_Unused_Returns204_Redeemed_Returns409()
    {
        var (tenantId, owner) = await TenantAsync();
        var unused = await (await owner.PostAsJsonAsync(Vouchers, Percent("UNUSED"))).ReadAsync<VoucherResponse>();
        var used = await (await owner.PostAsJsonAsync(Vouchers, Percent("USED"))).ReadAsync<VoucherResponse>();
        await RedeemAsync(fixture, tenantId, used.Id, "fan@example.com");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Vouchers}/{unused.Id}")).StatusCode);
        var problem = await (await owner.DeleteAsync($"{Vouchers}/{used.Id}")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("voucher_redeemed", problem.Code());
        var kept = await (await owner.GetAsync($"{Vouchers}/{used.Id}")).ReadAsync<VoucherResponse>();
        Assert.Equal(1, kept.TimesUsed);
    }

    [Fact]
    public async Task VoucherById_AnotherTenantsVoucher_Returns404ForGetReplaceAndDelete()
    {
        var (_, owner) = await TenantAsync();
        var (_, intruder) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Vouchers, Percent("MINE"))).ReadAsync<VoucherResponse>();

        await (await intruder.GetAsync($"{Vouchers}/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PutAsJsonAsync($"{Vouchers}/{created.Id}", Percent("MINE", 10000))).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"{Vouchers}/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        var still = await (await owner.GetAsync($"{Vouchers}/{created.Id}")).ReadAsync<VoucherResponse>();
        Assert.Equal(1000, still.BasisPoints);
    }

    [Fact]
    public async Task Vouchers_ReadScopeOnly_CannotCreate()
    {
        var (tenantId, _) = await TenantAsync();
        using var reader = fixture.CreateClient(TestCaller.ApiClient(tenantId, PlatformScopes.EventsRead));

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Vouchers)).StatusCode);
        await (await reader.PostAsJsonAsync(Vouchers, Percent("NOPE"))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RedeemAsync_SingleUseVoucherTwice_SecondIsRefused()
    {
        var (tenantId, owner) = await TenantAsync();
        var body = Percent("ONE-SHOT");
        body["maxUses"] = 1;
        var voucher = await (await owner.PostAsJsonAsync(Vouchers, body)).ReadAsync<VoucherResponse>();
        await RedeemAsync(fixture, tenantId, voucher.Id, "a@example.com");

        var error = await Assert.ThrowsAsync<ConflictException>(() => RedeemAsync(fixture, tenantId, voucher.Id, "b@example.com"));

        Assert.Equal("promo_exhausted", error.Code);
    }

    [Fact]
    public async Task RedeemAsync_ConcurrentOrdersOnSingleUseVoucher_ExactlyOneSucceeds()
    {
        var (tenantId, owner) = await TenantAsync();
        var body = Percent("RACE");
        body["maxUses"] = 1;
        var voucher = await (await owner.PostAsJsonAsync(Vouchers, body)).ReadAsync<VoucherResponse>();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await RedeemAsync(fixture, tenantId, voucher.Id, $"buyer{i}@example.com");
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        Assert.Equal(1, attempts.Count(ok => ok));
        var fetched = await (await owner.GetAsync($"{Vouchers}/{voucher.Id}")).ReadAsync<VoucherResponse>();
        Assert.Equal(1, fetched.TimesUsed);
    }
}
