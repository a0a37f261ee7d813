using System.Net;

namespace Platform.AntiScalping.Model;

/// <summary>One simulated order with its features (computed by <see cref="RiskSignals"/>, as in the platform) and its label.</summary>
public sealed record SimulatedOrder(RiskFeatures Features, bool Scalper, string Strategy, int Buyer);

/// <summary>
/// One simulated order as a client would send it (identity, address, quantity, holds before it), for replaying the
/// simulator over HTTP (the S7 benchmark): the features are then computed by the platform itself.
/// </summary>
public sealed record SimulatedAttempt(DateTimeOffset At, string Email, string? Phone, IPAddress Ip, int Quantity, int Holds, bool Scalper, string Strategy);

/// <summary>
/// A seeded, deterministic on-sale: normal buyers and five scalper strategies arriving over one hour into one tenant,
/// each order preceded by its holds, all fed through <see cref="RiskSignals"/> in time order — the same code and
/// window the platform uses — so the labelled features are what the platform would have computed. Documented in
/// docs/anti-scalping.md. Normal buyers are made hard on purpose: households and mobile carriers share addresses
/// (NAT), some people buy the maximum, some addresses end in digits (jane1985@), a few use disposable mail, some
/// come back for a second order, some move between Wi-Fi and mobile (IP change).
/// </summary>
public sealed class ScalperSimulator(int seed)
{
    public static readonly string[] Strategies = ["normal", "bot_farm", "residential_proxies", "sequential_identities", "fast_checkout", "device_reuse"];

    private static readonly string[] FreeMail = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "qq.com", "163.com", "web.de", "proton.me"];
    private static readonly string[] Disposable = ["mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "trashmail.com"];
    private static readonly string[] Names = ["ada", "grace", "alan", "linus", "mei", "wei", "sofia", "lucas", "emma", "noah", "olivia", "liam", "yuki",
        "hana", "omar", "lena", "ivan", "nina", "paul", "rosa", "tom", "zoe", "max", "lea"];

    private readonly Random random = new(seed);

    private readonly List<(DateTimeOffset At, Action<RiskSignals> Hold, Func<RiskSignals, SimulatedOrder> Order)> events = [];

    private readonly List<SimulatedAttempt> attempts = [];

    private int buyers;

    /// <summary>The orders of the last <see cref="Run"/> as raw attempts, in time order.</summary>
    public IReadOnlyList<SimulatedAttempt> Attempts => [.. attempts.OrderBy(a => a.At)];

    /// <summary>Even seeds sell through a waiting room (passes and browser tickets exist); odd seeds sell without one, as most events do.</summary>
    private bool RoomOn => seed % 2 == 0;

    /// <summary>
    /// Simulates <paramref name="normalBuyers"/> people and <paramref name="scalperCampaigns"/> scalper campaigns (each a
    /// strategy run by one operator for many orders), in one tenant. Deterministic for a seed.
    /// </summary>
    public List<SimulatedOrder> Run(int normalBuyers, int scalperCampaigns, int maxPerBuyer = 6)
    {
        var tenant = new Guid(seed, 0, 0, new byte[8]);
        var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var sharedNats = Enumerable.Range(0, Math.Max(normalBuyers / 40, 1)).Select(_ => RandomIp()).ToArray();
        for (var i = 0; i < normalBuyers; i++)
        {
            Normal(tenant, start.AddSeconds(random.NextDouble() * 3600), sharedNats, maxPerBuyer);
        }

        for (var c = 0; c < scalperCampaigns; c++)
        {
            var strategy = Strategies[1 + (c % (Strategies.Length - 1))];
            Campaign(tenant, strategy, start.AddSeconds(random.NextDouble() * 3000), maxPerBuyer);
        }

        var signals = new RiskSignals(new RiskWindow(new RiskOptions().Window));
        var orders = new List<SimulatedOrder>();
        foreach (var e in events.OrderBy(e => e.At))
        {
            if (e.Hold is not null)
            {
                e.Hold(signals);
            }
            else
            {
                orders.Add(e.Order(signals));
            }
        }

        return orders;
    }

    private void Normal(Guid tenant, DateTimeOffset at, IPAddress[] sharedNats, int max)
    {
        var buyer = ++buyers;
        var name = Pick(Names) + (random.NextDouble() < 0.5 ? "." + Pick(Names) : "");
        // Some people's addresses end in digits (a birth year, a number): not a sequence, but the stem is shared by chance.
        var email = name + (random.NextDouble() < 0.25 ? random.Next(1, 2000).ToString(System.Globalization.CultureInfo.InvariantCulture) : "")
            + "@" + (random.NextDouble() < 0.02 ? Pick(Disposable) : Pick(FreeMail));
        var phone = random.NextDouble() < 0.7 ? "+1555" + random.Next(1_000_000, 9_999_999) : null;
        // One in five behind a shared NAT (mobile carrier, campus): many honest buyers on one address.
        var ip = random.NextDouble() < 0.2 ? Pick(sharedNats) : RandomIp();
        var quantity = random.NextDouble() < 0.12 ? max : random.Next(1, Math.Min(4, max) + 1);
        var device = random.NextDouble() < 0.8 ? "n" + buyer : null;
        var orders = random.NextDouble() < 0.08 ? 2 : 1;
        for (var o = 0; o < orders; o++)
        {
            var orderAt = at.AddMinutes(o * random.Next(5, 25));
            var orderIp = o > 0 && random.NextDouble() < 0.5 ? RandomIp() : ip;
            var passAt = random.NextDouble() < 0.85 ? orderAt.AddSeconds(-(20 + (random.NextDouble() * 400))) : (DateTimeOffset?)null;
            AddOrder(tenant, buyer, "normal", false, email, phone, device, orderIp, quantity, max, passAt, orderAt, holds: random.NextDouble() < 0.15 ? 2 : 1);
        }
    }

    private void Campaign(Guid tenant, string strategy, DateTimeOffset at, int max)
    {
        var operatorId = ++buyers;
        var size = random.Next(6, 30);
        var subnet = RandomIp().GetAddressBytes();
        var stem = Pick(Names) + Pick(Names);
        var domain = random.NextDouble() < 0.5 ? Pick(FreeMail) : Pick(Disposable);
        var fixedEmail = stem + "@" + Pick(FreeMail);
        var fixedPhone = "+1555" + random.Next(1_000_000, 9_999_999);
        var firstNumber = random.Next(1, 50);
        for (var i = 0; i < size; i++)
        {
            var orderAt = at.AddSeconds(i * (5 + (random.NextDouble() * 60)));
            var quantity = random.NextDouble() < 0.85 ? max : Math.Max(max - 1, 1);
            var (email, phone, device, ip, passSeconds) = strategy switch
            {
                // Many machines on one /24, numbered identities, a new browser each, straight from pass to order.
                "bot_farm" => ($"{stem}{firstNumber + i}@{domain}", (string?)null, (string?)("b" + operatorId + "-" + i),
                    new IPAddress([subnet[0], subnet[1], subnet[2], (byte)random.Next(1, 255)]), random.NextDouble() * 6),
                // One identity behind a rotating residential proxy pool: a new address (and network) every order.
                "residential_proxies" => (fixedEmail, fixedPhone, "r" + operatorId + "-" + i, RandomIp(), 5 + (random.NextDouble() * 40)),
                // Numbered or tagged identities spread over proxies, often on disposable domains.
                "sequential_identities" => (random.NextDouble() < 0.5 ? $"{stem}{firstNumber + i}@{domain}" : $"{stem}+{i}@{domain}", null,
                    "s" + operatorId + "-" + i, RandomIp(), 3 + (random.NextDouble() * 30)),
                // Fresh identities on fresh addresses; the tell is speed (a script claims the pass and orders at once) and quantity.
                "fast_checkout" => ($"{Pick(Names)}.{Pick(Names)}{random.Next(1, 99)}@{Pick(FreeMail)}", null, null, RandomIp(), random.NextDouble() * 3),
                // One browser, many identities and addresses.
                _ => ($"{Pick(Names)}{random.Next(100, 999)}@{Pick(FreeMail)}", "+1555" + random.Next(1_000_000, 9_999_999), "d" + operatorId, RandomIp(),
                    2 + (random.NextDouble() * 20)),
            };
            AddOrder(tenant, operatorId, strategy, true, email, phone, device, ip, quantity, max, orderAt.AddSeconds(-passSeconds), orderAt,
                holds: random.Next(1, 4));
        }
    }

    private void AddOrder(Guid tenant, int buyer, string strategy, bool scalper, string email, string? phone, string? device, IPAddress ip, int quantity,
        int max, DateTimeOffset? passAt, DateTimeOffset at, int holds)
    {
        if (!RoomOn)
        {
            // No room: no pass to time the checkout by, and no room ticket to recognise the browser by.
            (device, passAt) = (null, null);
        }

        attempts.Add(new SimulatedAttempt(at, email, phone, ip, quantity, holds, scalper, strategy));
        for (var h = 0; h < holds; h++)
        {
            events.Add((at.AddSeconds(-1 - h), s => s.RecordHold(tenant, ip, at.AddSeconds(-1 - h)), null!));
        }

        events.Add((at, null!, s => new SimulatedOrder(s.Observe(new RiskAttempt(tenant, email, phone, device, ip, quantity, max, passAt, at)), scalper,
            strategy, buyer)));
    }

    private IPAddress RandomIp() => new([(byte)random.Next(11, 223), (byte)random.Next(0, 256), (byte)random.Next(0, 256), (byte)random.Next(1, 255)]);

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
