using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.IntegrationTests.Payments.Stripe;

/// <summary>What Stripe.net sent: the parsed form, the Stripe-Account and Idempotency-Key headers and the key used.</summary>
public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? Account, string? IdempotencyKey,
    string ApiKey);

/// <summary>A PaymentIntent as the stand-in holds it.</summary>
public sealed class StandInIntent
{
    public required string Id { get; init; }

    public required string ApiKey { get; init; }

    public string? Account { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public long? ApplicationFee { get; init; }

    public required string[] Methods { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public bool LiveMode { get; init; }

    public string Status
    {
        get;
        set
        {
            // Stripe's charge (and its balance transaction) is created when the intent succeeds.
            SucceededAt ??= value == "succeeded" ? DateTimeOffset.UtcNow : null;
            field = value;
        }
    } = "requires_payment_method";

    public DateTimeOffset? SucceededAt { get; private set; }

    /// <summary>What Stripe charged when a test plants a difference from the intent's amount or currency.</summary>
    public long? ChargedAmount { get; set; }

    public string? ChargedCurrency { get; set; }

    /// <summary>The application fee each refund returned to the connected account (refund_application_fee=true), by refund id.</summary>
    public ConcurrentDictionary<string, long> ApplicationFeeRefunds { get; } = new();

    public string ChargeId { get; } = "ch_" + Guid.NewGuid().ToString("N")[..24];

    public List<JsonObject> Refunds { get; } = [];

    public long Refunded => Refunds.Sum(r => r["amount"]!.GetValue<long>());
}

/// <summary>
/// A local HTTP stand-in for the part of Stripe's API the platform uses (PaymentIntents create/retrieve, Refunds
/// create), on a loopback port. It CHECKS requests the way Stripe does (known API key, known parameters only, amount,
/// lowercase currency, application_fee_amount only on a connected account and never above the amount, refunds not
/// above what is left, idempotency keys replaying the first answer and refusing a different body) and answers with
/// Stripe-shaped JSON. It also builds events and signs them exactly as Stripe signs webhooks.
/// </summary>
public sealed partial class StripeStandIn : IAsyncDisposable
{
    public const string PlatformKey = "sk_test_51PlatformStandInKey000000";
    public const string PlatformPublishableKey = "pk_test_51PlatformStandInKey000000";
    public const string PlatformWebhookSecret = "whsec_platformStandInSecret0000000000";
    public const string ApiVersion = "2026-10-28.endive";

    private static readonly HashSet<string> IntentParameters = ["amount", "currency", "application_fee_amount", "description"];
    private static readonly HashSet<string> RefundParameters = ["payment_intent", "amount", "reason", "refund_application_fee"];

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, bool> keys = new() { [PlatformKey] = false };
    private readonly ConcurrentDictionary<string, (string Body, int Status, string Response)> idempotency = new();
    private readonly Lock gate = new();

    private StripeStandIn(WebApplication app)
    {
        this.app = app;
    }

    public string ApiBase { get; private set; } = "";

    public ConcurrentDictionary<string, StandInIntent> Intents { get; } = new();

    public ConcurrentQueue<StripeRequest> Requests { get; } = new();

    /// <summary>When set, refunds are refused as Stripe refuses them when the account cannot refund.</summary>
    public bool FailRefunds { get; set; }

    public static async Task<StripeStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new StripeStandIn(app);
        app.MapPost("/v1/payment_intents", (Delegate)standIn.CreateIntentAsync);
        app.MapGet("/v1/payment_intents/{id}", (Delegate)standIn.GetIntent);
        app.MapPost("/v1/refunds", (Delegate)standIn.CreateRefundAsync);
        app.MapPost("/v1/payment_intents/{id}/confirm", (Delegate)standIn.ConfirmFromBrowserAsync);
        app.MapGet("/v1/balance_transactions", (Delegate)standIn.ListBalanceTransactions);
        await app.StartAsync();
        standIn.ApiBase = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    /// <summary>Lets the stand-in accept a tenant's own secret key.</summary>
    public void AcceptKey(string key) => keys[key] = key.StartsWith("sk_live_", StringComparison.Ordinal);

    public IEnumerable<StripeRequest> RequestsFor(string path) => Requests.Where(r => r.Path == path);

    public StandInIntent IntentFor(Guid orderId) => Intents.Values.Single(i => i.Metadata.GetValueOrDefault("order_id") == orderId.ToString());

    /// <summary>The buyer confirmed: the intent succeeds (as Stripe.js confirming with a test card would do).</summary>
    public void Succeed(string intentId) => Intents[intentId].Status = "succeeded";

    /// <summary>A refund made outside the platform (the Stripe dashboard).</summary>
    public JsonObject RefundInDashboard(string intentId, long amount)
    {
        var intent = Intents[intentId];
        var refund = RefundJson(intent, amount, "requested_by_customer", []);
        lock (gate)
        {
            intent.Refunds.Add(refund);
        }

        return refund;
    }

    /// <summary>An event as Stripe sends it; <paramref name="account"/> is set for connected accounts' events.</summary>
    public static string EventJson(string type, JsonObject data, string? account, bool liveMode = false, string? id = null) => new JsonObject
    {
        ["id"] = id ?? "evt_" + Guid.NewGuid().ToString("N")[..24],
        ["object"] = "event",
        ["account"] = account,
        ["api_version"] = ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new JsonObject { ["object"] = data },
        ["livemode"] = liveMode,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    }.ToJsonString();

    public string IntentEvent(string type, string intentId, string? account = "", bool? liveMode = null, string? declineCode = null)
    {
        var intent = Intents[intentId];
        var data = IntentJson(intent);
        if (declineCode is not null)
        {
            data["status"] = "requires_payment_method";
            data["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = declineCode };
        }

        return EventJson(type, data, account == "" ? intent.Account : account, liveMode ?? intent.LiveMode);
    }

    public string ChargeRefundedEvent(string intentId)
    {
        var intent = Intents[intentId];
        return EventJson("charge.refunded", ChargeJson(intent), intent.Account, intent.LiveMode);
    }

    /// <summary>Stripe's signature header: t=timestamp,v1=hex(HMAC-SHA256(secret, "t.payload")).</summary>
    public static string Sign(string payload, string secret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> CreateIntentAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var form = request!.Form;
        var unknown = form.Keys.FirstOrDefault(k => !IntentParameters.Contains(k) && !k.StartsWith("metadata[", StringComparison.Ordinal)
                                                    && !k.StartsWith("allowed_payment_method_types[", StringComparison.Ordinal));
        if (unknown is not null)
        {
            return Error(400, "parameter_unknown", $"Received unknown parameter: {unknown}");
        }

        if (!long.TryParse(form.GetValueOrDefault("amount"), out var amount) || amount < 1)
        {
            return Error(400, "parameter_invalid_integer", "Invalid integer: amount");
        }

        var currency = form.GetValueOrDefault("currency") ?? "";
        if (currency.Length != 3 || currency != currency.ToLowerInvariant())
        {
            return Error(400, "parameter_invalid_string", "Invalid currency: currency must be a lowercase ISO code.");
        }

        long? fee = form.TryGetValue("application_fee_amount", out var feeText) ? long.Parse(feeText, CultureInfo.InvariantCulture) : null;
        if (fee is not null && (request.Account is null || fee > amount || fee < 0))
        {
            return Error(400, "parameter_invalid", "application_fee_amount needs a connected account (Stripe-Account) and cannot exceed the amount.");
        }

        var methods = form.Where(p => p.Key.StartsWith("allowed_payment_method_types[", StringComparison.Ordinal)).Select(p => p.Value).ToArray();
        if (methods.Length == 0 || methods.Except(["card", "alipay", "wechat_pay"]).Any())
        {
            return Error(400, "parameter_invalid", "allowed_payment_method_types must list supported methods.");
        }

        return Idempotent(request, () =>
        {
            var intent = new StandInIntent
            {
                Id = "pi_" + Guid.NewGuid().ToString("N")[..24], ApiKey = request.ApiKey, Account = request.Account, Amount = amount, Currency = currency,
                ApplicationFee = fee, Methods = methods, LiveMode = keys[request.ApiKey],
                Metadata = form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToDictionary(p => p.Key[9..^1], p => p.Value),
            };
            Intents[intent.Id] = intent;
            return (200, IntentJson(intent).ToJsonString());
        });
    }

    private IResult GetIntent(HttpContext context, string id)
    {
        var apiKey = ApiKeyOf(context);
        if (apiKey is null)
        {
            return Error(401, "api_key_invalid", "Invalid API Key provided.");
        }

        var account = context.Request.Headers["Stripe-Account"].FirstOrDefault();
        Requests.Enqueue(new StripeRequest("GET", "/v1/payment_intents/" + id, new Dictionary<string, string>(), account, null, apiKey));
        return Intents.TryGetValue(id, out var intent) && intent.ApiKey == apiKey && intent.Account == account
            ? Results.Text(IntentJson(intent).ToJsonString(), "application/json")
            : Error(404, "resource_missing", $"No such payment_intent: '{id}'");
    }

    /// <summary>
    /// What Stripe.js does when the buyer presses pay: confirm the intent from the browser with the PUBLISHABLE key and
    /// the client secret, in the form body as Stripe.js sends them (key, _stripe_account, client_secret). Checked like
    /// Stripe: the publishable key must be the counterpart of the key that created the intent, on the same connected
    /// account, with that intent's client secret. Stripe's test payment methods decide: pm_card_visa succeeds,
    /// pm_card_chargeDeclined declines (402 card_error, the intent back to requires_payment_method).
    /// </summary>
    private async Task<IResult> ConfirmFromBrowserAsync(HttpContext context, string id)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        var form = (await context.Request.ReadFormAsync()).ToDictionary(p => p.Key, p => p.Value.ToString());
        var key = form.GetValueOrDefault("key") ?? "";
        Requests.Enqueue(new StripeRequest("POST", context.Request.Path, form, form.GetValueOrDefault("_stripe_account"), null, key));
        if (!Intents.TryGetValue(id, out var intent) || PublishableKeyOf(intent.ApiKey) != key
            || intent.Account != form.GetValueOrDefault("_stripe_account") || form.GetValueOrDefault("client_secret") != IntentJson(intent)["client_secret"]!.GetValue<string>())
        {
            return Error(404, "resource_missing", $"No such payment_intent: '{id}'");
        }

        lock (gate)
        {
            if (intent.Status == "succeeded")
            {
                return Error(400, "payment_intent_unexpected_state", "This PaymentIntent has already succeeded.");
            }

            if (form.GetValueOrDefault("payment_method") == "pm_card_chargeDeclined")
            {
                intent.Status = "requires_payment_method";
                return Results.Text(new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined.",
                    },
                }.ToJsonString(), "application/json", statusCode: 402);
            }

            intent.Status = "succeeded";
            return Results.Text(IntentJson(intent).ToJsonString(), "application/json");
        }
    }

    /// <summary>The publishable key paired with a secret key: the platform's, or pk_ + the own key's suffix (as the tests make them).</summary>
    public static string PublishableKeyOf(string secretKey) =>
        secretKey == PlatformKey ? PlatformPublishableKey : "pk_" + secretKey["sk_".Length..];

    private async Task<IResult> CreateRefundAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var form = request!.Form;
        var unknown = form.Keys.FirstOrDefault(k => !RefundParameters.Contains(k) && !k.StartsWith("metadata[", StringComparison.Ordinal));
        if (unknown is not null)
        {
            return Error(400, "parameter_unknown", $"Received unknown parameter: {unknown}");
        }

        if (!Intents.TryGetValue(form.GetValueOrDefault("payment_intent") ?? "", out var intent) || intent.ApiKey != request.ApiKey
            || intent.Account != request.Account)
        {
            return Error(404, "resource_missing", "No such payment_intent.");
        }

        if (form.ContainsKey("refund_application_fee") && request.Account is null)
        {
            return Error(400, "parameter_invalid", "refund_application_fee is only for charges on connected accounts.");
        }

        var reason = form.GetValueOrDefault("reason");
        if (reason is not (null or "duplicate" or "fraudulent" or "requested_by_customer"))
        {
            return Error(400, "parameter_invalid", "Invalid reason.");
        }

        var amount = long.TryParse(form.GetValueOrDefault("amount"), out var a) ? a : intent.Amount - intent.Refunded;
        return Idempotent(request, () =>
        {
            lock (gate)
            {
                if (intent.Status != "succeeded")
                {
                    return (400, ErrorJson("payment_intent_unexpected_state", "This PaymentIntent has not succeeded; nothing to refund."));
                }

                if (FailRefunds)
                {
                    return (400, ErrorJson("insufficient_funds", "The account's balance cannot cover the refund."));
                }

                if (amount < 1 || amount > intent.Amount - intent.Refunded)
                {
                    return (400, ErrorJson("amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge."));
                }

                var refund = RefundJson(intent, amount, reason ?? "requested_by_customer",
                    form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToDictionary(p => p.Key[9..^1], p => p.Value));
                intent.Refunds.Add(refund);
                if (form.GetValueOrDefault("refund_application_fee") == "true" && intent.ApplicationFee is { } fee)
                {
                    // Stripe returns the platform's fee pro rata to the refunded share of the charge.
                    intent.ApplicationFeeRefunds[refund["id"]!.GetValue<string>()] = fee * amount / intent.Amount;
                }

                return (200, refund.ToJsonString());
            }
        });
    }

    private async Task<(StripeRequest? Request, IResult? Problem)> ReadAsync(HttpContext context)
    {
        var apiKey = ApiKeyOf(context);
        if (apiKey is null)
        {
            return (null, Error(401, "api_key_invalid", "Invalid API Key provided."));
        }

        if (!context.Request.HasFormContentType)
        {
            return (null, Error(400, "invalid_request", "Stripe expects application/x-www-form-urlencoded."));
        }

        var form = (await context.Request.ReadFormAsync()).ToDictionary(p => p.Key, p => p.Value.ToString());
        var request = new StripeRequest("POST", context.Request.Path, form, context.Request.Headers["Stripe-Account"].FirstOrDefault(),
            context.Request.Headers["Idempotency-Key"].FirstOrDefault(), apiKey);
        Requests.Enqueue(request);
        if (request.Account is not null && !request.Account.StartsWith("acct_", StringComparison.Ordinal))
        {
            return (null, Error(400, "account_invalid", "The Stripe-Account header must name a connected account."));
        }

        if (request.Account is not null && apiKey != PlatformKey)
        {
            return (null, Error(403, "platform_api_key_expired", "Only the platform can act for a connected account."));
        }

        return (request, null);
    }

    private string? ApiKeyOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.FirstOrDefault();
        var key = header?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? header[7..] : null;
        return key is not null && keys.ContainsKey(key) ? key : null;
    }

    /// <summary>Stripe's idempotency: the same key with the same body replays the first answer; with another body it is an error.</summary>
    private IResult Idempotent(StripeRequest request, Func<(int Status, string Json)> create)
    {
        if (request.IdempotencyKey is null)
        {
            var (s, j) = create();
            return Results.Text(j, "application/json", statusCode: s);
        }

        var body = string.Join('&', request.Form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var cacheKey = $"{request.ApiKey}|{request.Account}|{request.Path}|{request.IdempotencyKey}";
        lock (gate)
        {
            if (idempotency.TryGetValue(cacheKey, out var seen))
            {
                return seen.Body == body
                    ? Results.Text(seen.Response, "application/json", statusCode: seen.Status)
                    : Error(400, "idempotency_key_in_use", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
            }

            var (status, json) = create();
            idempotency[cacheKey] = (body, status, json);
            return Results.Text(json, "application/json", statusCode: status);
        }
    }

    public static JsonObject IntentJson(StandInIntent intent) => new()
    {
        ["id"] = intent.Id,
        ["object"] = "payment_intent",
        ["amount"] = intent.Amount,
        ["amount_received"] = intent.Status == "succeeded" ? intent.Amount : 0,
        ["application_fee_amount"] = intent.ApplicationFee,
        ["client_secret"] = $"{intent.Id}_secret_{intent.Id[3..15]}",
        ["currency"] = intent.Currency,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["latest_charge"] = intent.Status == "succeeded" ? intent.ChargeId : null,
        ["livemode"] = intent.LiveMode,
        ["metadata"] = new JsonObject([.. intent.Metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["allowed_payment_method_types"] = new JsonArray([.. intent.Methods.Select(m => (JsonNode?)m)]),
        ["payment_method_types"] = new JsonArray([.. intent.Methods.Select(m => (JsonNode?)m)]),
        ["status"] = intent.Status,
    };

    private static JsonObject ChargeJson(StandInIntent intent) => new()
    {
        ["id"] = intent.ChargeId,
        ["object"] = "charge",
        ["amount"] = intent.Amount,
        ["amount_captured"] = intent.Amount,
        ["amount_refunded"] = intent.Refunded,
        ["currency"] = intent.Currency,
        ["livemode"] = intent.LiveMode,
        ["metadata"] = new JsonObject([.. intent.Metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["paid"] = true,
        ["payment_intent"] = intent.Id,
        ["refunded"] = intent.Refunded >= intent.Amount,
        ["refunds"] = new JsonObject
        {
            ["object"] = "list", ["has_more"] = false, ["url"] = $"/v1/charges/{intent.ChargeId}/refunds",
            ["data"] = new JsonArray([.. intent.Refunds.Select(r => (JsonNode?)r.DeepClone())]),
        },
        ["status"] = "succeeded",
    };

    private static JsonObject RefundJson(StandInIntent intent, long amount, string reason, Dictionary<string, string> metadata) => new()
    {
        ["id"] = "re_" + Guid.NewGuid().ToString("N")[..24],
        ["object"] = "refund",
        ["amount"] = amount,
        ["charge"] = intent.ChargeId,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["currency"] = intent.Currency,
        ["metadata"] = new JsonObject([.. metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["payment_intent"] = intent.Id,
        ["reason"] = reason,
        ["status"] = "succeeded",
    };

    private static string ErrorJson(string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = code, ["message"] = message } }.ToJsonString();

    private static IResult Error(int status, string code, string message) => Results.Text(ErrorJson(code, message), "application/json", statusCode: status);
}
