using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Platform.IntegrationTests.Payments.Stripe;

/// <summary>A payout the stand-in made: it took every balance transaction not yet paid out, in one currency, to the bank.</summary>
public sealed record StandInPayout(string Id, string ApiKey, string? Account, long Amount, string Currency, DateTimeOffset Created,
    IReadOnlyList<string> Transactions)
{
    public string TransactionId => "txn_" + Id[3..];
}

/// <summary>
/// Stripe's balance: GET /v1/balance_transactions built from the intents, refunds and application fees the stand-in
/// holds, plus its payouts. A charge's fee is Stripe's (<see cref="FeeBasisPoints"/> + <see cref="FeeFixed"/>) plus
/// the platform's application fee; a refund returns no Stripe fee but the application fee it refunded. Listed newest
/// first with Stripe's pagination (limit, starting_after, has_more), created[gte|gt|lte|lt] and payout filters, and
/// expand[]=data.source; any other parameter is refused as Stripe refuses it.
/// </summary>
public sealed partial class StripeStandIn
{
    private static readonly HashSet<string> BalanceParameters = ["limit", "starting_after", "payout", "created[gte]", "created[gt]", "created[lte]", "created[lt]"];

    private readonly ConcurrentDictionary<string, long> sequence = new();
    private long nextSequence;

    /// <summary>Stripe's processing fee on a charge: basis points of the amount…</summary>
    public int FeeBasisPoints { get; set; } = 290;

    /// <summary>…plus a fixed part in minor units (2.9 % + 30 by default).</summary>
    public long FeeFixed { get; set; } = 30;

    public ConcurrentQueue<StandInPayout> Payouts { get; } = new();

    public long StripeFeeOf(long amount) => (long)Math.Round(amount * FeeBasisPoints / 10_000m, MidpointRounding.AwayFromZero) + FeeFixed;

    /// <summary>A payment made in Stripe directly (the dashboard, another integration): it succeeds, the platform never hears of it.</summary>
    public StandInIntent ChargeOutsidePlatform(string apiKey, string? account, long amount, string currency)
    {
        var intent = new StandInIntent
        {
            Id = "pi_" + Guid.NewGuid().ToString("N")[..24], ApiKey = apiKey, Account = account, Amount = amount, Currency = currency, Methods = ["card"],
            Metadata = [], LiveMode = keys[apiKey],
        };
        Intents[intent.Id] = intent;
        intent.Status = "succeeded";
        return intent;
    }

    /// <summary>Stripe's automatic payout: everything on the balance in that currency not yet paid out goes to the bank.</summary>
    public StandInPayout PayOut(string apiKey, string? account, string currency)
    {
        lock (gate)
        {
            var paid = Payouts.Where(p => p.ApiKey == apiKey && p.Account == account).SelectMany(p => p.Transactions.Append(p.TransactionId)).ToHashSet();
            var open = TransactionsOf(apiKey, account).Where(t => t["currency"]!.GetValue<string>() == currency && !paid.Contains(Id(t))).ToList();
            var payout = new StandInPayout("po_" + Guid.NewGuid().ToString("N")[..24], apiKey, account, open.Sum(t => t["net"]!.GetValue<long>()), currency,
                DateTimeOffset.UtcNow, [.. open.Select(Id)]);
            Payouts.Enqueue(payout);
            return payout;
        }
    }

    private IResult ListBalanceTransactions(HttpContext context)
    {
        var apiKey = ApiKeyOf(context);
        if (apiKey is null)
        {
            return Error(401, "api_key_invalid", "Invalid API Key provided.");
        }

        var query = context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString());
        var account = context.Request.Headers["Stripe-Account"].FirstOrDefault();
        Requests.Enqueue(new StripeRequest("GET", "/v1/balance_transactions", query, account, null, apiKey));
        if (account is not null && apiKey != PlatformKey)
        {
            return Error(403, "platform_api_key_expired", "Only the platform can act for a connected account.");
        }

        var unknown = query.Keys.FirstOrDefault(k => !BalanceParameters.Contains(k) && !k.StartsWith("expand[", StringComparison.Ordinal));
        if (unknown is not null)
        {
            return Error(400, "parameter_unknown", $"Received unknown parameter: {unknown}");
        }

        if (query.Where(p => p.Key.StartsWith("expand[", StringComparison.Ordinal)).Any(p => p.Value != "data.source"))
        {
            return Error(400, "parameter_invalid", "This property cannot be expanded.");
        }

        var limit = query.TryGetValue("limit", out var l) ? int.TryParse(l, out var n) && n is >= 1 and <= 100 ? n : -1 : 10;
        if (limit < 0)
        {
            return Error(400, "parameter_invalid_integer", "Invalid integer: limit must be between 1 and 100.");
        }

        long? Bound(string key) => query.TryGetValue(key, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : null;
        var (gte, gt, lte, lt) = (Bound("created[gte]"), Bound("created[gt]"), Bound("created[lte]"), Bound("created[lt]"));
        List<JsonObject> all;
        lock (gate)
        {
            all = [.. TransactionsOf(apiKey, account)];
        }

        if (query.TryGetValue("payout", out var payoutId))
        {
            var payout = Payouts.FirstOrDefault(p => p.Id == payoutId && p.ApiKey == apiKey && p.Account == account);
            if (payout is null)
            {
                return Error(404, "resource_missing", $"No such payout: '{payoutId}'");
            }

            all = [.. all.Where(t => payout.Transactions.Contains(Id(t)) || Id(t) == payout.TransactionId)];
        }

        var filtered = all.Where(t =>
        {
            var created = t["created"]!.GetValue<long>();
            return (gte is null || created >= gte) && (gt is null || created > gt) && (lte is null || created <= lte) && (lt is null || created < lt);
        }).OrderByDescending(t => t["created"]!.GetValue<long>()).ThenByDescending(t => sequence.GetOrAdd(Id(t), _ => Interlocked.Increment(ref nextSequence)))
            .ToList();
        if (query.TryGetValue("starting_after", out var after))
        {
            var index = filtered.FindIndex(t => Id(t) == after);
            if (index < 0)
            {
                return Error(400, "resource_missing", $"No such balance transaction: '{after}'");
            }

            filtered = filtered[(index + 1)..];
        }

        var expand = query.ContainsValue("data.source");
        var page = filtered.Take(limit).Select(t =>
        {
            var copy = (JsonObject)t.DeepClone();
            copy["source"] = expand ? copy["__source"]!.DeepClone() : copy["__source"]!["id"]!.DeepClone();
            copy.Remove("__source");
            return (JsonNode?)copy;
        });
        return Results.Text(new JsonObject
        {
            ["object"] = "list", ["url"] = "/v1/balance_transactions", ["has_more"] = filtered.Count > limit, ["data"] = new JsonArray([.. page]),
        }.ToJsonString(), "application/json");
    }

    private static string Id(JsonObject transaction) => transaction["id"]!.GetValue<string>();

    /// <summary>The account's balance transactions (the expandable source kept under "__source").</summary>
    private IEnumerable<JsonObject> TransactionsOf(string apiKey, string? account)
    {
        foreach (var intent in Intents.Values.Where(i => i.ApiKey == apiKey && i.Account == account && i.SucceededAt is not null))
        {
            var amount = intent.ChargedAmount ?? intent.Amount;
            var currency = intent.ChargedCurrency ?? intent.Currency;
            var stripeFee = StripeFeeOf(amount);
            var fees = new JsonArray(Fee(stripeFee, currency, "stripe_fee"));
            if (intent.ApplicationFee is > 0 and var applicationFee)
            {
                fees.Add(Fee(applicationFee, currency, "application_fee"));
            }

            var charge = new JsonObject
            {
                ["id"] = intent.ChargeId, ["object"] = "charge", ["amount"] = amount, ["currency"] = currency, ["payment_intent"] = intent.Id,
                ["paid"] = true, ["status"] = "succeeded", ["livemode"] = intent.LiveMode, ["created"] = intent.SucceededAt!.Value.ToUnixTimeSeconds(),
            };
            yield return Transaction("txn_" + intent.ChargeId[3..], "charge", amount, fees, currency, intent.SucceededAt.Value.ToUnixTimeSeconds(), charge);
            foreach (var refund in intent.Refunds)
            {
                var id = refund["id"]!.GetValue<string>();
                var returned = intent.ApplicationFeeRefunds.GetValueOrDefault(id);
                var refundFees = returned > 0 ? new JsonArray(Fee(-returned, currency, "application_fee")) : [];
                yield return Transaction("txn_" + id[3..], "refund", -refund["amount"]!.GetValue<long>(), refundFees, currency,
                    refund["created"]!.GetValue<long>(), (JsonObject)refund.DeepClone());
            }
        }

        foreach (var payout in Payouts.Where(p => p.ApiKey == apiKey && p.Account == account))
        {
            var created = payout.Created.ToUnixTimeSeconds();
            yield return Transaction(payout.TransactionId, "payout", -payout.Amount, [], payout.Currency, created, new JsonObject
            {
                ["id"] = payout.Id, ["object"] = "payout", ["amount"] = payout.Amount, ["currency"] = payout.Currency, ["arrival_date"] = created + 86_400,
                ["automatic"] = true, ["status"] = "paid", ["created"] = created,
            });
        }
    }

    private static JsonObject Fee(long amount, string currency, string type) => new()
    {
        ["amount"] = amount, ["currency"] = currency, ["type"] = type, ["description"] = type == "stripe_fee" ? "Stripe processing fees" : "Application fee",
        ["application"] = type == "application_fee" ? "ca_platformStandIn" : null,
    };

    private static JsonObject Transaction(string id, string type, long amount, JsonArray fees, string currency, long created, JsonObject source)
    {
        var fee = fees.Sum(f => f!["amount"]!.GetValue<long>());
        return new JsonObject
        {
            ["id"] = id, ["object"] = "balance_transaction", ["amount"] = amount, ["available_on"] = created + 2 * 86_400, ["created"] = created,
            ["currency"] = currency, ["description"] = null, ["fee"] = fee, ["fee_details"] = fees, ["net"] = amount - fee,
            ["reporting_category"] = type, ["status"] = "available", ["type"] = type, ["__source"] = source,
        };
    }
}
