using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// Buyers going through the real checkout API: hold → order → sandbox payment, each step timed. Variants:
/// <list type="bullet">
/// <item>S1 (checkout-ga): every buyer on one general-admission quota of 100,000 (closed loop, --users N);</item>
/// <item>S2 (checkout-seats): a 20,000-seat map of 20 sections, 30% of buyers asking for best available seats in one
/// hot section, the rest spread over the others;</item>
/// <item>S4 (checkout-overload): S1 driven open-loop (--rate R at 2–3× the measured peak): the excess should be
/// answered 429 quickly, never 5xx.</item>
/// </list>
/// Afterwards the database is asked whether anything was oversold or double-sold.
/// </summary>
public sealed class CheckoutScenario(string name, BenchDatabase db, string tenantSlug, bool seated, int capacity = 100_000) : IScenario
{
    private const double HotShare = 0.3;
    private long buyers;
    private Guid eventId;
    private Guid occurrenceId;
    private Guid ticketTypeId;
    private Guid[] sections = [];
    private volatile bool soldOut;

    public string Name => name;

    /// <summary>The bench event the buyers buy (set by <see cref="PrepareAsync"/>).</summary>
    public Guid EventId => eventId;

    private string Prefix => $"/api/v1/public/tenants/{tenantSlug}";

    public async Task PrepareAsync(HttpClient client, CancellationToken ct)
    {
        if (seated)
        {
            var venue = await db.CreateVenueAsync($"Bench arena {DateTime.UtcNow:O}", ct);
            (eventId, occurrenceId) = await db.CreateEventAsync($"Bench {name}", venue, ct);
            // 20 sections × 40 rows × 25 seats = 20,000 seats.
            (ticketTypeId, sections) = await db.CreateSeatMapAsync(eventId, occurrenceId, venue, 20, 40, 25, ct);
        }
        else
        {
            (eventId, occurrenceId) = await db.CreateEventAsync($"Bench {name}", null, ct);
            ticketTypeId = await db.CreateGaTicketAsync(eventId, occurrenceId, capacity, ct);
        }
    }

    public async Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct)
    {
        if (soldOut)
        {
            return false;
        }

        var buyer = Interlocked.Increment(ref buyers);
        var email = $"b{buyer}@bench.example";
        object line = seated
            ? new { ticketTypeId, sectionId = Random.Shared.NextDouble() < HotShare ? sections[0] : sections[1 + Random.Shared.Next(sections.Length - 1)], quantity = 2 }
            : new { ticketTypeId, quantity = 2 };
        using var hold = await LoadRunner.TimedAsync(stats, "hold", () => client.PostAsJsonAsync($"{Prefix}/holds",
            new { eventId, occurrenceId, buyerEmail = email, lines = new[] { line } }, ct), r => r.StatusCode == HttpStatusCode.Created);
        if (hold.StatusCode != HttpStatusCode.Created)
        {
            if (hold.StatusCode == HttpStatusCode.Conflict && !seated)
            {
                soldOut = true;
            }

            return true;
        }

        using var holdJson = JsonDocument.Parse(await hold.Content.ReadAsStringAsync(ct));
        var holdId = holdJson.RootElement.GetProperty("id").GetGuid();
        var holdToken = holdJson.RootElement.GetProperty("holdToken").GetString();
        using var order = await LoadRunner.TimedAsync(stats, "order", () => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId, buyer = new { name = $"Buyer {buyer}", email } }),
            Headers = { { "X-Hold-Token", holdToken }, { "Idempotency-Key", $"order-{holdId}" } },
        }, ct), r => r.StatusCode == HttpStatusCode.Created);
        if (order.StatusCode != HttpStatusCode.Created)
        {
            return true;
        }

        using var orderJson = JsonDocument.Parse(await order.Content.ReadAsStringAsync(ct));
        var orderId = orderJson.RootElement.GetProperty("id").GetGuid();
        var orderToken = orderJson.RootElement.GetProperty("orderToken").GetString();
        using var pay = await LoadRunner.TimedAsync(stats, "pay", () => client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/orders/{orderId}/payments")
            {
                Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
                Headers = { { "X-Order-Token", orderToken }, { "Idempotency-Key", $"pay-{orderId}" } },
            }, ct));
        return true;
    }

    public Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct) => db.VerifyAsync(eventId, output, ct);
}
