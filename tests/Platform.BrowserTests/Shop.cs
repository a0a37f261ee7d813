using System.Net.Http.Json;
using Npgsql;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tenancy.Administration;

namespace Platform.BrowserTests;

/// <summary>A tenant with branding and an on-sale general admission event, built over the API as a back office would.</summary>
internal sealed class Shop
{
    private readonly PlatformFixture fixture;

    private Shop(PlatformFixture fixture, TenantResponse tenant)
    {
        this.fixture = fixture;
        Tenant = tenant;
        Owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
    }

    public TenantResponse Tenant { get; }

    public HttpClient Owner { get; }

    public string Root => "/t/" + Tenant.Slug;

    public static async Task<Shop> CreateAsync(PlatformFixture fixture, string name, string locale, string currency, string timeZone)
    {
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var slug = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..24].TrimEnd('-');
        var response = await admin.PostAsJsonAsync("/api/v1/admin/tenants", new
        {
            slug, displayName = name, kind = "promoter", locale, timeZone, defaultCurrency = currency,
            branding = new { primaryColor = "#0F172A", accentColor = "#F59E0B" },
        });
        return new Shop(fixture, await response.ReadAsync<TenantResponse>());
    }

    /// <summary>A published, on-sale GA event with one ticket type and <paramref name="dates"/> occurrences a week apart, a month ahead.</summary>
    public async Task<EventResponse> GaEventAsync(string title, long priceMinor, int capacity = 100, int dates = 1, string? timeZone = null,
        DateTimeOffset? salesOpen = null)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(19), TimeSpan.Zero);
        var created = await (await Owner.PostAsJsonAsync("/api/v1/events", new
        {
            title,
            description = "Three bands, one warehouse, no seats. Doors open an hour before the first act.",
            category = "concert",
            timeZone = timeZone ?? Tenant.TimeZone,
            occurrences = Enumerable.Range(0, dates).Select(i => new
            {
                doorsAt = start.AddDays(7 * i).AddHours(-1), startsAt = start.AddDays(7 * i), endsAt = start.AddDays(7 * i).AddHours(3),
            }).ToArray(),
            salesWindows = new[] { new { channel = "web", opensAt = salesOpen ?? start.AddDays(-60), closesAt = start } },
        })).ReadAsync<EventResponse>();
        var quota = await (await Owner.PostAsJsonAsync($"/api/v1/events/{created.Id}/quotas", new { name = "Floor", capacity })).ReadAsync<QuotaResponse>();
        (await Owner.PostAsJsonAsync($"/api/v1/events/{created.Id}/ticket-types", new
        {
            name = "General admission", kind = "general_admission", quotaId = quota.Id, price = new { amount = priceMinor, currency = Tenant.DefaultCurrency }, maxPerOrder = 6,
        })).EnsureSuccessStatusCode();
        (await Owner.PostAsync($"/api/v1/events/{created.Id}/publish", null)).EnsureSuccessStatusCode();
        if (salesOpen is null)
        {
            (await Owner.PostAsync($"/api/v1/events/{created.Id}/open-sales", null)).EnsureSuccessStatusCode();
        }

        return await (await Owner.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventResponse>();
    }

    public async Task RuleAsync(object rule) => (await Owner.PostAsJsonAsync("/api/v1/pricing-rules", rule)).EnsureSuccessStatusCode();

    public async Task VoucherAsync(string code, int basisPoints) =>
        (await Owner.PostAsJsonAsync("/api/v1/vouchers", new { code, valueType = "percentage", basisPoints })).EnsureSuccessStatusCode();

    /// <summary>What the database itself says (as the superuser, no RLS), for assertions a page cannot make.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Tenant.Id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Tenant.Id);
        await command.ExecuteNonQueryAsync();
    }
}
