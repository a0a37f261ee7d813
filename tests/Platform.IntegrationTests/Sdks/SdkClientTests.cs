using System.Net;
using Platform.Authorization;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.OpenApi;
using Platform.IntegrationTests.Resellers;
using Ticketing.Platform.Sdk;

namespace Platform.IntegrationTests.Sdks;

// Platform.Money (the server's namespace) would hide the SDK's Money type here; an app has no such clash.
using Money = Ticketing.Platform.Sdk.Money;
// The README's reseller flow writes to Console; inside Platform.* that name is the staff console's namespace.
using Console = System.Console;

/// <summary>
/// The C# SDK's conveniences against the real server on a loopback socket (issue #21): the README's reseller flow as
/// written, typed problems, a POST retried with its key after a dropped connection, and token refresh across expiry.
/// Setup (tenant, event, reseller client, allocation) uses the test shortcuts; everything after goes through the SDK.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SdkClientTests(PlatformFixture fixture)
{
    [Fact]
    public async Task ResellerFlow_FromTheReadme_RunsAsWritten()
    {
        var (s, baseUrl, clientId, clientSecret) = await ResellerAsync(allocation: 5);
        // README:reseller-flow
        var api = PlatformClientFactory.Create(new PlatformClientOptions
        {
            BaseUrl = baseUrl, ClientId = clientId, ClientSecret = clientSecret, // a reseller: an API client with an allocation
        });

        // 1. Only the events this reseller can sell (on sale, a reseller window, an allocation), with what remains.
        var sellable = (await api.ListMyResellerEventsAsync(limit: 50, cursor: null)).Data[0];
        var ev = await api.GetEventAsync(sellable.Id);
        var (occurrenceId, ticketTypeId) = (ev.Occurrences[0].Id, ev.TicketTypes[0].Id);
        Console.WriteLine($"{ev.Title}: {sellable.Allocations[0].Remaining} left to sell");

        // 2. Quote, hold, order and pay on the reseller channel; the SDK retries safely with an Idempotency-Key.
        var quote = await api.QuoteEventAsync(ev.Id, new QuoteRequest
        {
            Channel = SalesChannel.Reseller, Lines = [new QuoteRequestLine { TicketTypeId = ticketTypeId, Quantity = 2 }],
        });
        Console.WriteLine($"Quote: {new Money(quote.Total, quote.Currency).Format()}");
        try
        {
            var hold = await api.CreateHoldAsync(new CreateHoldRequest
            {
                EventId = ev.Id, OccurrenceId = occurrenceId, Channel = SalesChannel.Reseller,
                Lines = [new HoldLineRequest { TicketTypeId = ticketTypeId, Quantity = 2 }],
            });
            var order = await api.CreateOrderAsync(new CreateOrderRequest
            {
                HoldId = hold.Id, Buyer = new BuyerRequest { Name = "Ada Lovelace", Email = "ada@example.com" },
            });
            var payment = await api.PayAsync(order.Id, new PayRequest { Method = PaymentMethod.Sandbox, PaymentToken = "tok_visa" });
            Console.WriteLine($"Order {payment.Order.State}: {new Money(payment.Order.Total, payment.Order.Currency).Format()}");
        }
        catch (PlatformProblemException problem) when (problem.Code == ProblemCode.AllocationExceeded)
        {
            Console.WriteLine($"Only {problem.Result.Remaining} left in the allocation ({problem.RequestId})");
        }

        // 3. The reseller's own report: per allocation quantity, held, sold, remaining, gross sales and commission.
        var report = await api.GetMyResellerReportAsync();
        Console.WriteLine($"Sold {report.Allocations.Sum(a => a.Sold)}, remaining {report.Allocations.Sum(a => a.Remaining)}");
        // README:end

        Assert.Equal((EventStatus.OnSale, 5), (sellable.Status, sellable.Allocations.Single().Remaining));
        Assert.Equal((2, 3), (report.Allocations.Single().Sold, report.Allocations.Single().Remaining));
        Assert.Equal(ReadmeBlock("sdk/csharp/Platform.Sdk/README.md", "csharp"), SourceRegion("tests/Platform.IntegrationTests/Sdks/SdkClientTests.cs"));
        Assert.Equal(s.EventId, ev.Id);
    }

    [Fact]
    public async Task Problems_AreTyped_AllocationExceededWithRemaining_HoldExpired_KeyReused()
    {
        var (s, baseUrl, clientId, clientSecret) = await ResellerAsync(allocation: 3);
        var api = PlatformClientFactory.Create(new PlatformClientOptions { BaseUrl = baseUrl, ClientId = clientId, ClientSecret = clientSecret });
        CreateHoldRequest Hold(int quantity) => new()
        {
            EventId = s.EventId, OccurrenceId = s.Checkout.OccurrenceId, Channel = SalesChannel.Reseller,
            Lines = [new HoldLineRequest { TicketTypeId = s.TicketTypeId, Quantity = quantity }],
        };

        var held = await api.CreateHoldAsync(Hold(2));
        var exceeded = await Assert.ThrowsAsync<PlatformProblemException>(() => api.CreateHoldAsync(Hold(2)));
        await s.Checkout.ExpireAsync(held.Id);
        var expired = await Assert.ThrowsAsync<PlatformProblemException>(() => api.CreateOrderAsync(new CreateOrderRequest
        {
            HoldId = held.Id, Buyer = new BuyerRequest { Name = "Ada Lovelace", Email = "ada@example.com" },
        }));
        var keyed = new RequestOptions { IdempotencyKey = "sdk-key-" + Guid.NewGuid() };
        await api.With(keyed).CreateHoldAsync(Hold(1));
        var reused = await Assert.ThrowsAsync<PlatformProblemException>(() => api.With(keyed).CreateHoldAsync(Hold(2)));

        Assert.Equal((ProblemCode.AllocationExceeded, 409, 1), (exceeded.Code, exceeded.StatusCode, exceeded.Result.Remaining));
        Assert.StartsWith("allocation_exceeded: Only 1 of the 2 tickets", exceeded.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(exceeded.RequestId));
        Assert.Equal((ProblemCode.HoldExpired, 409), (expired.Code, expired.StatusCode));
        Assert.Equal((ProblemCode.IdempotencyKeyReused, 422), (reused.Code, reused.StatusCode));
    }

    [Fact]
    public async Task DroppedConnection_AfterTheServerPlacedTheOrder_RetryWithTheSameKeyGivesThatOneOrder()
    {
        var (s, baseUrl, clientId, clientSecret) = await ResellerAsync(allocation: 5);
        StubHandler? stub = null;
        stub = new StubHandler(async (request, n) =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/v1/orders" && n == 1)
            {
                using var placed = await stub!.ForwardAsync(request); // the server does the work and answers…
                Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
                throw new HttpRequestException("The connection was reset before the answer arrived."); // …which never arrives
            }

            return null;
        });
        var api = PlatformClientFactory.Create(new PlatformClientOptions
        {
            BaseUrl = baseUrl, ClientId = clientId, ClientSecret = clientSecret, InnerHandler = stub,
        });
        var hold = await api.CreateHoldAsync(new CreateHoldRequest
        {
            EventId = s.EventId, OccurrenceId = s.Checkout.OccurrenceId, Channel = SalesChannel.Reseller,
            Lines = [new HoldLineRequest { TicketTypeId = s.TicketTypeId, Quantity = 2 }],
        });
        var options = new RequestOptions();

        var order = await api.With(options).CreateOrderAsync(new CreateOrderRequest
        {
            HoldId = hold.Id, Buyer = new BuyerRequest { Name = "Ada Lovelace", Email = "ada@example.com" },
        });

        Assert.Equal(2, stub.Count("/api/v1/orders"));
        Assert.True(options.Replayed, "The retry should have been answered from the stored first answer (Idempotent-Replayed).");
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));
        Assert.Equal((hold.Id, OrderState.PendingPayment), (order.HoldId, order.State));
        Assert.True((await api.PayAsync(order.Id, new PayRequest { Method = PaymentMethod.Sandbox, PaymentToken = "tok_visa" })).IsPaid);
    }

    [Fact]
    public async Task ClientCredentials_TokenIsCached_AndFetchedAgainOnceItExpires()
    {
        var (_, baseUrl, clientId, clientSecret) = await ResellerAsync(allocation: 1);
        var stub = new StubHandler((_, _) => Task.FromResult<HttpResponseMessage?>(null));
        // Tokens live 15 min here; asking for renewal 15 min − 5 s before expiry makes each one last 5 s for the client.
        var api = PlatformClientFactory.Create(new PlatformClientOptions
        {
            BaseUrl = baseUrl, ClientId = clientId, ClientSecret = clientSecret, InnerHandler = stub,
            RefreshBeforeExpiry = TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(5),
        });

        await api.GetMyResellerReportAsync();
        await api.GetMyResellerReportAsync();
        Assert.Equal(1, stub.Count("/connect/token"));
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        await api.GetMyResellerReportAsync();

        Assert.Equal(2, stub.Count("/connect/token"));
        var tokens = stub.Sent.Where(r => r.RequestUri!.AbsolutePath != "/connect/token").Select(r => r.Headers.Authorization!.Parameter).ToList();
        Assert.Equal(3, tokens.Count);
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
    }

    /// <summary>A tenant with an on-sale event open to resellers, and a registered reseller client holding an allocation of it.</summary>
    private async Task<(ResellerScenario S, Uri BaseUrl, string ClientId, string ClientSecret)> ResellerAsync(int allocation)
    {
        _ = fixture.LoopbackNode;
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 20);
        var client = await s.RegisterAsync("Agency");
        await s.AllocationAsync(client.Client.ClientId, allocation);
        return (s, fixture.LoopbackUrl!, client.Client.ClientId, client.ClientSecret);
    }

    /// <summary>The code block after the "reseller flow" marker of a README, lines trimmed.</summary>
    internal static string ReadmeBlock(string readme, string language)
    {
        var text = File.ReadAllText(Path.Combine(ClientContractTests.RepositoryRoot(), readme));
        var start = text.IndexOf("<!-- reseller-flow -->", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{readme} has no <!-- reseller-flow --> block.");
        var open = text.IndexOf("```" + language + "\n", start, StringComparison.Ordinal) + language.Length + 4;
        return Normalize(text[open..text.IndexOf("```", open, StringComparison.Ordinal)]);
    }

    /// <summary>The lines between "README:reseller-flow" and "README:end" in a source file, trimmed.</summary>
    internal static string SourceRegion(string file)
    {
        var text = File.ReadAllText(Path.Combine(ClientContractTests.RepositoryRoot(), file));
        var from = text.IndexOf('\n', text.IndexOf("README:reseller-flow", StringComparison.Ordinal)) + 1;
        var to = text.LastIndexOf('\n', text.IndexOf("README:end", StringComparison.Ordinal));
        return Normalize(text[from..to]);
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
