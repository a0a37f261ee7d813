using System.Diagnostics;
using System.Net;
using Ticketing.Platform.Sdk;

namespace Platform.IntegrationTests.Sdks;

// Platform.Money (the server's namespace) would hide the SDK's Money type here; an app has no such clash.
using Money = Ticketing.Platform.Sdk.Money;

/// <summary>
/// The C# SDK against a stub server (no platform): answers the real API cannot be made to give on demand — a value
/// newer than the SDK, a problem code it does not know, a rate-limit burst with Retry-After.
/// </summary>
public sealed class SdkOfflineTests
{
    private static readonly Uri Base = new("http://stub.invalid");

    private static PlatformClient Client(StubHandler stub, RetryOptions? retry = null) =>
        PlatformClientFactory.Create(new PlatformClientOptions { BaseUrl = Base, InnerHandler = stub, Retry = retry ?? new RetryOptions() });

    [Fact]
    public async Task UnknownEnumValue_ReadsAsUnknown_InsteadOfThrowing()
    {
        var id = Guid.CreateVersion7();
        var stub = new StubHandler((_, _) => Task.FromResult<HttpResponseMessage?>(StubHandler.Json(HttpStatusCode.OK, $$"""
            {"data":[{"id":"{{id}}","title":"Gala","category":"music","status":"postponed_indefinitely","firstStartsAt":null,"createdAt":"2026-12-05T10:00:00Z"},
                     {"id":"{{id}}","title":"Jazz","category":"music","status":"on_sale","firstStartsAt":null,"createdAt":"2026-12-05T10:00:00Z"}],
             "nextCursor":null}
            """)), forward: false);

        var page = await Client(stub).ListEventsAsync(EventStatus.OnSale, 10, null);

        Assert.Equal([EventStatus.Unknown, EventStatus.OnSale], page.Data.Select(e => e.Status));
        Assert.EndsWith("status=on_sale&limit=10", stub.Sent.Single().RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_IsTyped_WithCodeErrorsRequestIdAndRetryAfter_AlsoForACodeNewerThanTheSdk()
    {
        var stub = new StubHandler((request, _) => Task.FromResult<HttpResponseMessage?>(request.RequestUri!.AbsolutePath.EndsWith("/holds", StringComparison.Ordinal)
            ? StubHandler.Json(HttpStatusCode.Conflict, """
                {"type":"t","title":"The request conflicts with the current state.","status":409,"detail":"Only 1 of the 3 tickets asked for are left.",
                 "code":"allocation_exceeded","remaining":1,"requestId":"req-1","errors":{"lines[0].quantity":["too many"]}}
                """, "application/problem+json")
            : StubHandler.Json(HttpStatusCode.UnprocessableEntity, """
                {"title":"The request is invalid.","status":422,"detail":"Martian tickets are not sold here.","code":"planet_unsupported","requestId":"req-2"}
                """, "application/problem+json")), forward: false);
        var api = Client(stub);

        var exceeded = await Assert.ThrowsAsync<PlatformProblemException>(() => api.CreateHoldAsync(new CreateHoldRequest
        {
            EventId = Guid.Empty, OccurrenceId = Guid.Empty, Lines = [new HoldLineRequest { TicketTypeId = Guid.Empty, Quantity = 3 }],
        }));
        var unknown = await Assert.ThrowsAsync<PlatformProblemException>(() => api.CreateOrderAsync(new CreateOrderRequest
        {
            HoldId = Guid.Empty, Buyer = new BuyerRequest { Name = "A", Email = "a@example.com" },
        }));

        Assert.Equal((ProblemCode.AllocationExceeded, 409, 1, "req-1"), (exceeded.Code, exceeded.StatusCode, exceeded.Result.Remaining, exceeded.RequestId));
        Assert.Equal(["too many"], exceeded.Errors["lines[0].quantity"]);
        Assert.StartsWith("allocation_exceeded: Only 1 of the 3 tickets asked for are left.", exceeded.Message, StringComparison.Ordinal);
        Assert.Contains("\"remaining\":1", exceeded.Response, StringComparison.Ordinal);
        Assert.Equal((ProblemCode.Unknown, "planet_unsupported"), (unknown.Code, unknown.RawCode));
        Assert.StartsWith("planet_unsupported: Martian tickets", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitBurst_IsRetriedAfterRetryAfter_AndAPostKeepsOneIdempotencyKey()
    {
        var stub = new StubHandler((_, n) => Task.FromResult<HttpResponseMessage?>(n <= 2
            ? WithRetryAfter(StubHandler.Json(HttpStatusCode.TooManyRequests, """{"title":"Too many requests.","status":429,"code":"checkout_busy","requestId":"r"}""", "application/problem+json"))
            : StubHandler.Json(HttpStatusCode.Created, """{"id":"0193a000-0000-7000-8000-000000000001"}""")), forward: false);
        var options = new RequestOptions();
        var clock = Stopwatch.StartNew();

        try
        {
            await Client(stub).With(options).CreateHoldAsync(new CreateHoldRequest
            {
                EventId = Guid.Empty, OccurrenceId = Guid.Empty, Lines = [new HoldLineRequest { TicketTypeId = Guid.Empty, Quantity = 1 }],
            });
        }
        catch (PlatformApiException e) when (e is not PlatformProblemException)
        {
            // The stub's 201 lacks most of a hold's fields: what matters is that it was reached, and how.
        }

        Assert.Equal(3, stub.Count("/api/v1/holds"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"Retried after {clock.Elapsed}, before Retry-After (1 s, twice).");
        var keys = stub.Sent.Select(r => r.Headers.GetValues("Idempotency-Key").Single()).Distinct().ToList();
        Assert.Equal(options.SentIdempotencyKey, Assert.Single(keys));
    }

    [Fact]
    public async Task RetriesOff_TheFirst429IsTheAnswer()
    {
        var stub = new StubHandler((_, _) => Task.FromResult<HttpResponseMessage?>(
            WithRetryAfter(StubHandler.Json(HttpStatusCode.TooManyRequests, """{"title":"Too many requests.","status":429,"code":"rate_limited","requestId":"r"}""", "application/problem+json"))), forward: false);

        var limited = await Assert.ThrowsAsync<PlatformProblemException>(() => Client(stub, new RetryOptions { MaxRetries = 0 }).ListEventsAsync(null, null, null));

        Assert.Equal((ProblemCode.RateLimited, TimeSpan.FromSeconds(1)), (limited.Code, limited.RetryAfter));
        Assert.Equal(1, stub.Count("/api/v1/events"));
    }

    [Fact]
    public void Money_FormatsMinorUnitsWithTheCurrencysDigits()
    {
        var en = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        Assert.Equal(("€19.99", "¥1,999", "KWD 1.999"), (new Money(1999, "EUR").Format(en), new Money(1999, "JPY").Format(en), new Money(1999, "KWD").Format(en)));
        Assert.Equal("19.99 EUR", new Money(1999, "EUR").ToString());
    }

    private static HttpResponseMessage WithRetryAfter(HttpResponseMessage response)
    {
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        return response;
    }
}
