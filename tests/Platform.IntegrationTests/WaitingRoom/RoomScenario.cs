using System.Net.Http.Json;
using Npgsql;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.WaitingRoom;

namespace Platform.IntegrationTests.WaitingRoom;

/// <summary>An on-sale GA event with a waiting room, and buyers (each its own client = its own browser's cookies).</summary>
internal sealed class RoomScenario
{
    private readonly PlatformFixture fixture;

    private RoomScenario(PlatformFixture fixture, CheckoutScenario checkout)
    {
        this.fixture = fixture;
        Checkout = checkout;
    }

    public CheckoutScenario Checkout { get; }

    public Guid EventId => Checkout.Event.Id;

    public string StaffUrl => $"/api/v1/events/{EventId}/waiting-room";

    public string PublicUrl => $"{Checkout.Prefix}/events/{EventId}/waiting-room";

    public static async Task<RoomScenario> CreateAsync(PlatformFixture fixture, int capacity = 1000) =>
        new(fixture, await CheckoutScenario.GaAsync(fixture, capacity));

    public Task<HttpResponseMessage> PutAsync(object body) => Checkout.Owner.PutAsJsonAsync(StaffUrl, body);

    public async Task<RoomResponse> FiguresAsync() => await (await Checkout.Owner.GetAsync(StaffUrl)).ReadAsync<RoomResponse>();

    /// <summary>A new browser: an anonymous client with its own cookie jar.</summary>
    public HttpClient Browser() => fixture.CreateClient();

    public async Task<RoomTicketResponse> JoinAsync(HttpClient browser, string? presaleCode = null) =>
        await (await browser.PostAsJsonAsync($"{PublicUrl}/tickets", new { presaleCode })).ReadAsync<RoomTicketResponse>();

    public async Task<RoomPositionResponse> PositionAsync(HttpClient browser) =>
        await (await browser.GetAsync($"{PublicUrl}/position")).ReadAsync<RoomPositionResponse>();

    /// <summary>Polls until the browser's ticket is admitted (or fails after 20 s), then claims its pass.</summary>
    public async Task<RoomPassResponse> AdmittedPassAsync(HttpClient browser)
    {
        for (var i = 0; i < 200 && (await PositionAsync(browser)).State != RoomPositionStates.Admitted; i++)
        {
            await Task.Delay(100);
        }

        return await (await browser.PostAsync($"{PublicUrl}/pass", null)).ReadAsync<RoomPassResponse>();
    }

    public async Task<List<(Guid Id, long? Seq)>> TicketsByArrivalAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, seq FROM waiting_room_tickets WHERE event_id = @e ORDER BY arrived_at, id", connection);
        command.Parameters.AddWithValue("e", EventId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, long?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }

        return rows;
    }
}
