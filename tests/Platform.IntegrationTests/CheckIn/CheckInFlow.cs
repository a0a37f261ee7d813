using System.Net.Http.Json;
using Platform.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;
using Platform.Tickets;

namespace Platform.IntegrationTests.CheckIn;

/// <summary>Check-in steps over HTTP: a paid order's tickets, a scanner client, scans.</summary>
internal static class CheckInFlow
{
    public static async Task<(CheckoutScenario S, IReadOnlyList<TicketResponse> Tickets, HttpClient Scanner)> ScenarioAsync(PlatformFixture fixture,
        int tickets = 2)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 50);
        var (_, issued) = await s.PaidOrderAsync(tickets);
        return (s, issued, fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner")));
    }

    public static async Task<ScanResponse> ScanAsync(this HttpClient client, Guid eventId, string? code, string gate = "A", DateTimeOffset? at = null) =>
        await (await client.PostAsJsonAsync("/api/v1/check-in/scans", new ScanRequest(eventId, code, gate, at))).ReadAsync<ScanResponse>();

    public static async Task<CheckInCountsResponse> CountsAsync(this HttpClient client, Guid eventId) =>
        await (await client.GetAsync($"/api/v1/check-in/events/{eventId}/counts")).ReadAsync<CheckInCountsResponse>();
}
