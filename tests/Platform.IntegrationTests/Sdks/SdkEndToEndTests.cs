using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Authorization;
using ApiClientSecretResponse = Platform.Identity.OAuth.ApiClientSecretResponse;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Resellers;
using Platform.IntegrationTests.Webhooks;
using Ticketing.Platform.Sdk;

namespace Platform.IntegrationTests.Sdks;

/// <summary>
/// Both generated SDKs against the real server on a loopback socket, as a tenant's integration would use them: a
/// client-credentials token from /connect/token (no test caller), then list events → quote → hold → order → sandbox
/// pay → tickets through the SDK only, and a webhook receiver on 127.0.0.1 that gets order.paid and checks its
/// Standard Webhooks signature with its own HMAC. Only the setup (tenant, on-sale event, API client) uses the
/// test-caller shortcut.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SdkEndToEndTests(PlatformFixture fixture)
{
    private static readonly string[] Scopes = [PlatformScopes.EventsRead, PlatformScopes.OrdersRead, PlatformScopes.OrdersWrite, PlatformScopes.WebhooksManage];

    [Fact]
    public async Task CSharpSdk_ClientCredentials_BuysTicketsAndReceivesSignedOrderPaid()
    {
        var (baseUrl, client) = await PrepareAsync();
        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await ClientCredentialsTokenAsync(http, client));
        var api = new PlatformClient(http);
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await api.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest { Url = receiver.Url, EventTypes = ["order.paid"] });

        var listed = Assert.Single((await api.ListEventsAsync(EventStatus.OnSale, 20, null)).Data);
        var ev = await api.GetEventAsync(listed.Id);
        var (occurrenceId, ticketTypeId) = (ev.Occurrences[0].Id, ev.TicketTypes[0].Id);
        var quote = await api.QuoteEventAsync(ev.Id, new QuoteRequest
        {
            Channel = SalesChannel.Web, Lines = [new QuoteRequestLine { TicketTypeId = ticketTypeId, Quantity = 2 }],
        });
        var hold = await api.CreateHoldAsync(new CreateHoldRequest
        {
            EventId = ev.Id, OccurrenceId = occurrenceId, Channel = SalesChannel.Web, BuyerEmail = "sdk@example.com",
            Lines = [new HoldLineRequest { TicketTypeId = ticketTypeId, Quantity = 2 }],
        });
        var order = await api.CreateOrderAsync(new CreateOrderRequest
        {
            HoldId = hold.Id, Buyer = new BuyerRequest { Name = "Grace Hopper", Email = "sdk@example.com" },
        });
        var paid = await api.PayOrderAsync(order.Id, new PayRequest { Method = PaymentMethod.Sandbox, PaymentToken = "tok_visa" });
        var tickets = await api.ListOrderTicketsAsync(order.Id);

        Assert.Equal(EventStatus.OnSale, listed.Status);
        Assert.Equal((HoldState.Active, SalesChannel.Web, 2), (hold.State, hold.Channel, hold.Quantity));
        Assert.Equal(quote.Total, order.Total);
        Assert.Equal(OrderState.Paid, paid.State);
        Assert.Equal(2, tickets.Data.Count);
        Assert.All(tickets.Data, t => Assert.Equal(order.Id, t.OrderId));
        // Binary answers come back as streams (OpenAPI format: binary), not as JSON the client cannot parse.
        using (var pdf = await api.GetPrintableTicketPdfAsync(tickets.Data[0].Id))
        using (var png = await api.GetTicketQrPngAsync(tickets.Data[0].Id))
        {
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(await ReadStartAsync(pdf.Stream, 4)));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], await ReadStartAsync(png.Stream, 4));
        }

        var delivery = Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(60)));
        Assert.True(SignatureValid(hook.Secret, delivery), $"Signature {delivery.Signature} does not verify.");
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal("order.paid", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(order.Id.ToString(), body.RootElement.GetProperty("data").GetProperty("orderId").GetString());
        Assert.False(SignatureValid("whsec_" + Convert.ToBase64String(new byte[32]), delivery)); // the check can fail
    }

    private static async Task<byte[]> ReadStartAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    /// <summary>
    /// sdk/typescript/test/e2e.test.ts runs the same flow with openapi-fetch in a node process (npm test), given the
    /// server's loopback URL and a fresh tenant's API client through environment variables; test/reseller.test.ts runs
    /// the README's reseller flow and the SDK's built-ins (typed problems, a retried POST, token expiry) as a reseller,
    /// and test/offline.test.ts the rest against a stub fetch.
    /// </summary>
    [Fact]
    public async Task TypeScriptSdk_ClientCredentials_NodeEndToEndTestPasses()
    {
        var (baseUrl, client, reseller) = await PrepareWithResellerAsync();
        var sdk = Path.Combine(RepositoryRoot(), "sdk", "typescript");
        Assert.True(Directory.Exists(Path.Combine(sdk, "node_modules", "openapi-fetch")),
            "sdk/typescript/node_modules is missing: run `npm ci` there (scripts/test.sh does before the tests).");
        var start = new ProcessStartInfo("npm", "test")
        {
            WorkingDirectory = sdk, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["PLATFORM_BASE_URL"] = baseUrl.ToString().TrimEnd('/'),
                ["PLATFORM_CLIENT_ID"] = client.Client.ClientId,
                ["PLATFORM_CLIENT_SECRET"] = client.ClientSecret,
                ["PLATFORM_RESELLER_CLIENT_ID"] = reseller.Client.ClientId,
                ["PLATFORM_RESELLER_CLIENT_SECRET"] = reseller.ClientSecret,
            },
        };

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        Assert.True(node.ExitCode == 0, $"npm test exited with {node.ExitCode}:\n{output}");
        // e2e (1), offline (6), reseller (4: the README's flow, typed problems, a lost answer, token expiry) and
        // contract (1: the idempotent POSTs match openapi/v1.json).
        Assert.Contains("# pass 12", output, StringComparison.Ordinal);
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.Equal(SdkClientTests.ReadmeBlock("sdk/typescript/README.md", "ts"), SdkClientTests.SourceRegion("sdk/typescript/test/reseller.test.ts"));
    }

    /// <summary>A fresh tenant with one on-sale GA event, an API client with the flow's scopes, and the server's loopback URL.</summary>
    private async Task<(Uri BaseUrl, ApiClientSecretResponse Client)> PrepareAsync()
    {
        var (baseUrl, client, _) = await PrepareWithResellerAsync();
        return (baseUrl, client);
    }

    /// <summary>
    /// As <see cref="PrepareAsync"/>, the event also open on the reseller channel, plus a reseller: an API client with
    /// an allocation of 5 of it (what sdk/typescript/test/reseller.test.ts expects).
    /// </summary>
    private async Task<(Uri BaseUrl, ApiClientSecretResponse Client, ApiClientSecretResponse Reseller)> PrepareWithResellerAsync()
    {
        _ = fixture.LoopbackNode;
        var s = await ResellerScenario.CreateAsync(fixture, capacity: 10);
        var client = await (await s.Owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "SDK end-to-end", scopes = Scopes }))
            .ReadAsync<ApiClientSecretResponse>();
        var reseller = await s.RegisterAsync("SDK reseller");
        await s.AllocationAsync(reseller.Client.ClientId, 5);
        return (fixture.LoopbackUrl!, client, reseller);
    }

    private static async Task<string> ClientCredentialsTokenAsync(HttpClient http, ApiClientSecretResponse client)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.Client.ClientId, ["client_secret"] = client.ClientSecret,
        }));
        response.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return token.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Standard Webhooks, written from the spec rather than with the platform's signer: HMAC-SHA256 keyed with the
    /// base64 part of "whsec_…" over "id.timestamp.body"; the header holds space-separated "v1,&lt;base64&gt;" values.
    /// </summary>
    private static bool SignatureValid(string secret, ReceivedWebhook delivery)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}"));
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(mac));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(delivery.Timestamp, System.Globalization.CultureInfo.InvariantCulture)) < 300;
        return fresh && delivery.Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the test assembly.");
    }
}
