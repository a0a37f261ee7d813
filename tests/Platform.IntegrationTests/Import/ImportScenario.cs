using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Events;
using Platform.Import;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Import;

/// <summary>
/// A tenant (Europe/Berlin, EUR) with one published event whose occurrence starts 2030-05-01 21:00 Berlin time, a GA
/// ticket type "Standing" (25.00 EUR) on a quota, and a mapping of the old ticket-type name "Stehplatz" to it.
/// </summary>
internal sealed class ImportScenario
{
    public const string Header = "order_ref,buyer_name,email,phone,event,occurrence_start,ticket_type,price,currency,paid_at,ticket_code,seat_label,status";

    /// <summary>The header of a file with seated rows: the place as section, row and seat.</summary>
    public const string SeatedHeader = Header + ",section,row,seat";

    private readonly PlatformFixture fixture;

    private ImportScenario(PlatformFixture fixture, EventScenario events, EventResponse ev, TicketTypeResponse type, HttpClient admin)
    {
        this.fixture = fixture;
        Events = events;
        Event = ev;
        Type = type;
        Admin = admin;
    }

    public EventScenario Events { get; }

    public EventResponse Event { get; }

    public TicketTypeResponse Type { get; }

    public HttpClient Admin { get; }

    public Guid TenantId => Events.Tenant.Id;

    public static async Task<ImportScenario> CreateAsync(PlatformFixture fixture, string title = "Spring Concert", int capacity = 5000)
    {
        var events = await EventScenario.CreateAsync(fixture);
        var ev = await events.CreateEventAsync(title: title, startsAt: new DateTimeOffset(2030, 5, 1, 19, 0, 0, TimeSpan.Zero));
        var quota = await events.AddQuotaAsync(ev.Id, capacity);
        var type = await events.AddGaTicketAsync(ev.Id, quota.Id);
        ev = await (await events.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).ReadAsync<EventResponse>();
        var admin = fixture.CreateClient(TestCaller.TenantMember(events.Tenant.Id, "admin"));
        (await admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string>(),
            ticketTypes = new Dictionary<string, Guid> { ["Stehplatz"] = type.Id },
            keepLegacyCodes = true,
        })).EnsureSuccessStatusCode();
        return new ImportScenario(fixture, events, ev, type, admin);
    }

    /// <summary>Runs SQL as the superuser (no RLS), with @t the tenant: what the database itself holds.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", TenantId);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls the job until <paramref name="done"/> holds for it or the time is up.</summary>
    public async Task<ImportJobResponse> WaitAsync(Guid jobId, Func<ImportJobResponse, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await (await Admin.GetAsync($"/api/v1/imports/{jobId}")).ReadAsync<ImportJobResponse>();
            if (done(job) || DateTime.UtcNow > until)
            {
                return job;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>One CSV line; the event is named by its title, price in EUR.</summary>
    public static string Row(string orderRef, string code, string email = "anna@example.com", string name = "Anna Schmidt", string phone = "+49 30 1234-567",
        string start = "2030-05-01 21:00", string type = "Stehplatz", string price = "25.00 EUR", string eventName = "Spring Concert", string status = "paid",
        string paidAt = "2030-03-01 10:15") =>
        string.Join(',', orderRef, Quote(name), email, phone, Quote(eventName), start, type, Quote(price), "", paidAt, Quote(code), "", status);

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public static byte[] Csv(IEnumerable<string> rows, Encoding? encoding = null) =>
        (encoding ?? new UTF8Encoding(false)).GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");

    public async Task<ImportJobResponse> UploadAsync(byte[] content, string fileName = "legacy.csv", string? query = null, HttpClient? client = null)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/octet-stream" : "text/csv");
        return await (await (client ?? Admin).PostAsync($"/api/v1/imports?fileName={fileName}{query}", body)).ReadAsync<ImportJobResponse>();
    }

    public async Task<ImportDryRunResponse> DryRunAsync(Guid jobId, int sample = 100, string mode = "first", int? seed = null, string? outcome = null, int offset = 0,
        int limit = ImportDryRunRequest.MaxLimit) =>
        await (await Admin.PostAsJsonAsync($"/api/v1/imports/{jobId}/dry-run", new { sample, mode, seed, outcome, offset, limit })).ReadAsync<ImportDryRunResponse>();

    /// <summary>A dry run's rejects by reason as one comparable line: "reason=count,…" in reason order.</summary>
    public static string Reasons(IReadOnlyDictionary<string, int> reasons) =>
        string.Join(',', reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));

    /// <summary>Starts the full run and polls until it has finished (Hangfire runs it in the background).</summary>
    public async Task<ImportJobResponse> ImportAsync(Guid jobId, TimeSpan? timeout = null)
    {
        (await Admin.PostAsync($"/api/v1/imports/{jobId}/start", null)).EnsureSuccessStatusCode();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var job = await (await Admin.GetAsync($"/api/v1/imports/{jobId}")).ReadAsync<ImportJobResponse>();
            if (job.State is ImportJobState.Succeeded or ImportJobState.Failed || DateTime.UtcNow > until)
            {
                return job;
            }

            await Task.Delay(200);
        }
    }
}
