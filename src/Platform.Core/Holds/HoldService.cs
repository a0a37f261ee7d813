using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Checkout;
using Platform.Events;
using Platform.Events.SaleFacts;
using Platform.Http;
using Platform.Persistence;
using Platform.Pricing;
using Platform.Resellers;
using Platform.Sales;
using Platform.Tenancy;
using Platform.Venues;

namespace Platform.Holds;

/// <summary>
/// Who asks for a hold: an anonymous (or signed-in) web buyer, or staff/apps through the authenticated API.
/// <see cref="ClientId"/> is set for client-credentials tokens only (a reseller is such a client; ADR 0014).
/// </summary>
public sealed record HoldCaller(bool Public, string? AccountKey, string? CreatedBy, string? ClientId = null);

/// <summary>
/// Creates, extends, releases and reads holds. Each change is one transaction begun through the context (so RLS
/// applies) in which conditional UPDATEs move the counters; a deadlock (possible only between unusual mixes of
/// quotas and seats) is retried rather than shown to the buyer.
/// </summary>
public sealed class HoldService(
    PlatformDbContext db, TenantContext tenant, IOptions<HoldOptions> options, TimeProvider clock, ResellerGate resellers, EventSaleFactsCache saleFacts,
    IdempotencyRecord idempotency)
{
    public static readonly SalesChannel[] PublicChannels = [SalesChannel.Web, SalesChannel.App, SalesChannel.MiniProgram];

    private const int Attempts = 3;

    private readonly HoldStock stock = new(db);

    public async Task<(Hold Hold, List<HoldItem> Items, string Token)> CreateAsync(CreateHoldRequest request, HoldCaller caller, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var plan = await PlanAsync(request, caller, fresh: false, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CreateOnceAsync(tenantId, plan, ct);
            }
            catch (SingleTripHold.Refused refused) when (refused.Code == SaleGuard.Code)
            {
                // Planned from cached facts that are out of date: plan again from the rows (which refuses precisely
                // when the sale really has closed). Fresh facts that still fail lost a race with the closing.
                db.ChangeTracker.Clear();
                plan = plan.Fresh
                    ? throw new ConflictException("sales_window_closed", "The event stopped selling on this channel just now.")
                    : await PlanAsync(request, caller, fresh: true, ct);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                                               && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<Hold?> FindAsync(Guid id, CancellationToken ct) => db.Set<Hold>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);

    /// <summary>The hold, its items and its event's sold count in one round trip (placing an order needs all three).</summary>
    public async Task<HeldItems?> FindWithItemsAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Set<Hold>().AsNoTracking().Where(h => h.Id == id)
            .Select(h => new
            {
                Hold = h,
                Items = db.Set<HoldItem>().Where(i => i.HoldId == h.Id).OrderBy(i => i.Id).ToList(),
                EventSold = db.Set<QuotaCounter>().Where(c => c.EventId == h.EventId).Sum(c => c.Sold),
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new HeldItems(found.Hold, found.Items, found.EventSold);
    }

    public Task<List<HoldItem>> ItemsAsync(Guid holdId, CancellationToken ct) =>
        db.Set<HoldItem>().AsNoTracking().Where(i => i.HoldId == holdId).OrderBy(i => i.Id).ToListAsync(ct);

    /// <summary>The hold as the buyer should see it: an active hold past its expiry reads as expired.</summary>
    public HoldState EffectiveState(Hold hold) =>
        hold.State == HoldState.Active && hold.ExpiresAt <= clock.GetUtcNow() ? HoldState.Expired : hold.State;

    /// <summary>
    /// 409 hold_expired: the hold's time ran out (the buyer can place a new one), told apart from hold_not_active
    /// (released, or already ordered) since issue #21.
    /// </summary>
    public static ConflictException HoldExpired() =>
        new ConflictException("hold_expired", "The hold has expired and its tickets were released; place a new hold.");

    public async Task<Hold> ExtendAsync(Hold hold, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var until = await stock.ExtendAsync(tenant.RequiredTenantId, hold.Id, options.Value.Extension, clock.GetUtcNow(), ct);
        if (until is null)
        {
            throw EffectiveState(hold) switch
            {
                HoldState.Expired => HoldExpired(),
                HoldState.Active => new ConflictException("hold_already_extended", "A hold can be extended only once."),
                _ => new ConflictException("hold_not_active", "The hold has already been released or used."),
            };
        }

        await transaction.CommitAsync(ct);
        return (await FindAsync(hold.Id, ct))!;
    }

    public async Task ReleaseAsync(Hold hold, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await stock.ReleaseAsync(tenant.RequiredTenantId, hold.Id, clock.GetUtcNow(), ct))
        {
            throw new ConflictException("hold_not_active", "The hold has already ended, or an order was placed for it.");
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Marks every expired hold of the tenant and returns its stock; the recurring job's work.</summary>
    public async Task<int> ReclaimAllExpiredAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var count = await stock.ReclaimExpiredAsync(tenant.RequiredTenantId, clock.GetUtcNow(), new ReclaimFilter(), ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>The event's own per-buyer limit, else the platform default (Checkout:Holds:MaxTicketsPerBuyer).</summary>
    private int MaxPerBuyer(Event ev) => ev.MaxTicketsPerBuyer ?? options.Value.MaxTicketsPerBuyer;

    public static string NewToken(out string hash)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        hash = HashToken(token);
        return token;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares a presented token with the stored hash in constant time.</summary>
    public static bool TokenMatches(string? presented, string storedHash) =>
        presented is { Length: > 0 and <= 200 } &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashToken(presented)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>Lower-cased, trimmed email hashed: the per-buyer limit key and the order lookup key (no plaintext).</summary>
    public static string? EmailKey(string? email) => string.IsNullOrWhiteSpace(email) ? null
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<(Hold, List<HoldItem>, string)> CreateOnceAsync(Guid tenantId, HoldPlan plan, CancellationToken ct)
    {
        // The response is built from memory: use the time as it is stored.
        var now = PostgresTime.Now(clock);
        var token = NewToken(out var tokenHash);
        var hold = new Hold
        {
            TokenHash = tokenHash, EventId = plan.Event.Id, OccurrenceId = plan.OccurrenceId, Channel = plan.Channel,
            Quantity = plan.Lines.Sum(l => l.Quantity), BuyerAccountKey = plan.AccountKey, BuyerEmailKey = plan.EmailKey,
            CreatedAt = now, ExpiresAt = now + options.Value.Duration, CreatedBy = plan.CreatedBy,
        };

        // Reseller lines also draw on their allocation: those keep the explicit transaction (resellers are not the hot path).
        if (plan.Lines.All(l => l.AllocationId is null))
        {
            return (hold, await CreateSingleTripAsync(tenantId, plan, hold, token, now, ct), token);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await GuardSaleAsync(tenantId, hold, ct);
        var items = new List<HoldItem>();
        foreach (var line in plan.Lines)
        {
            var seats = line.SeatIds is { Length: > 0 } ids ? await ClaimSpecificAsync(tenantId, plan, line, ids, hold, now, ct)
                : line.SectionId is { } section ? await ClaimBestAsync(tenantId, plan, line, section, hold, now, ct)
                : [];
            items.Add(new HoldItem
            {
                HoldId = hold.Id, TicketTypeId = line.TicketTypeId, OccurrenceId = plan.OccurrenceId, QuotaId = line.QuotaId,
                PriceZoneId = line.PriceZoneId, Quantity = line.Quantity, SeatIds = seats, AllocationId = line.AllocationId, Audience = line.Audience,
            });
        }

        foreach (var key in new[] { plan.AccountKey, plan.EmailKey }.OfType<string>().Order(StringComparer.Ordinal))
        {
            var max = MaxPerBuyer(plan.Event);
            if (!await stock.TakeBuyerAsync(tenantId, plan.Event.Id, key, hold.Quantity, max, ct) &&
                !(await stock.ReclaimExpiredAsync(tenantId, now, new ReclaimFilter(BuyerKey: key, EventId: plan.Event.Id), ct) > 0 &&
                  await stock.TakeBuyerAsync(tenantId, plan.Event.Id, key, hold.Quantity, max, ct)))
            {
                throw new ConflictException("buyer_limit_reached", $"A buyer may hold or buy at most {max} tickets for this event.");
            }
        }

        db.Add(hold);
        db.AddRange(items);
        await db.SaveChangesAsync(ct);

        // A reseller's allocation caps its share of the quota below (ADR 0014): taken right before the quota counters.
        foreach (var (allocationId, n) in plan.Lines.Where(l => l.AllocationId is not null).GroupBy(l => l.AllocationId!.Value)
                     .Select(g => (g.Key, g.Sum(l => l.Quantity))).OrderBy(a => a.Key))
        {
            if (!await stock.TakeAllocationAsync(tenantId, allocationId, n, ct) &&
                !(await stock.ReclaimExpiredAsync(tenantId, now, new ReclaimFilter(AllocationId: allocationId), ct) > 0 &&
                  await stock.TakeAllocationAsync(tenantId, allocationId, n, ct)))
            {
                // Say how many are left (issue #21) so a reseller can offer what remains instead of guessing.
                var remaining = await db.Set<Resellers.ResellerAllocation>().AsNoTracking().Where(a => a.Id == allocationId)
                    .Select(a => a.Quantity - a.Held - a.Sold).FirstOrDefaultAsync(ct);
                throw Resellers.ResellerTerms.Exceeded(remaining, n);
            }
        }

        // The quota counter is the one row every buyer of the event contends on: take it last, so its row lock is
        // held only for this UPDATE and the COMMIT (measured: the lock hold time bounds holds/s on one quota).
        foreach (var (quotaId, n) in plan.Lines.Where(l => l.QuotaId is not null).GroupBy(l => l.QuotaId!.Value)
                     .Select(g => (g.Key, g.Sum(l => l.Quantity))).OrderBy(q => q.Key))
        {
            if (!await stock.TakeQuotaAsync(tenantId, quotaId, plan.OccurrenceId, n, ct) &&
                !(await stock.ReclaimExpiredAsync(tenantId, now, new ReclaimFilter(QuotaId: quotaId, OccurrenceId: plan.OccurrenceId), ct) > 0 &&
                  await stock.TakeQuotaAsync(tenantId, quotaId, plan.OccurrenceId, n, ct)))
            {
                throw new ConflictException("sold_out", $"Fewer than {n} tickets are left for this selection.");
            }
        }

        await idempotency.CompleteInAsync(new CheckoutSql(db), new HoldCreated(hold, items, token), ct);
        await transaction.CommitAsync(ct);
        return (hold, items, token);
    }

    private async Task GuardSaleAsync(Guid tenantId, Hold hold, CancellationToken ct)
    {
        try
        {
            await new CheckoutSql(db).ExecuteAsync(SaleGuard.Sql, ct, SaleGuard.Parameters(tenantId, hold));
        }
        catch (PostgresException ex) when (ex.SqlState == CheckoutRequire.SqlState && ex.MessageText == SaleGuard.Code)
        {
            throw new SingleTripHold.Refused(SaleGuard.Code);
        }
    }

    /// <summary>
    /// Every hold without reseller lines: one round trip (<see cref="SingleTripHold"/>). Best-available seats are
    /// picked from a lock-free read of the section's free seats and claimed in that same batch; a seat another buyer
    /// took meanwhile refuses the whole batch and another block is picked (5 tries). When a counter refuses, expired
    /// holds of the plan's quotas (or of the buyer) are reclaimed in their own transaction and the batch is tried once
    /// more.
    /// </summary>
    private async Task<List<HoldItem>> CreateSingleTripAsync(Guid tenantId, HoldPlan plan, Hold hold, string token, DateTimeOffset now, CancellationToken ct)
    {
        hold.TenantId = tenantId;
        string[] buyerKeys = [.. new[] { plan.AccountKey, plan.EmailKey }.OfType<string>()];
        var max = MaxPerBuyer(plan.Event);
        var bestAvailable = plan.Lines.Any(l => l.SectionId is not null);
        var lost = new HashSet<Guid>();
        var reclaimed = false;
        for (var attempt = 0; ; attempt++)
        {
            var items = new List<HoldItem>();
            foreach (var line in plan.Lines)
            {
                var seats = line.SeatIds ?? (line.SectionId is { } section ? await PickBestAsync(tenantId, plan, line, section, now, lost, attempt, ct) : []);
                items.Add(new HoldItem
                {
                    TenantId = tenantId, HoldId = hold.Id, TicketTypeId = line.TicketTypeId, OccurrenceId = plan.OccurrenceId, QuotaId = line.QuotaId,
                    PriceZoneId = line.PriceZoneId, Quantity = line.Quantity, SeatIds = seats, Audience = line.Audience,
                });
            }

            string refusal;
            try
            {
                // The Idempotency-Key's answer for exactly these items rides in the same batch (ADR 0019).
                var answer = await idempotency.PrepareAsync(new HoldCreated(hold, items, token));
                await new SingleTripHold(db).CreateAsync(tenantId, hold, items, buyerKeys, max, skipLockedSeats: bestAvailable, answer, ct);
                return items;
            }
            catch (SingleTripHold.Refused refused) when (refused.Code != SaleGuard.Code)
            {
                refusal = refused.Code;
            }

            if (refusal == SingleTripHold.SeatsTaken)
            {
                if (!bestAvailable)
                {
                    throw new ConflictException("seats_unavailable", "One or more of the chosen seats are no longer available; nothing was held.");
                }

                lost.UnionWith(items.SelectMany(i => i.SeatIds));
                if (attempt < 4)
                {
                    continue;
                }

                throw new ConflictException("sold_out", "Too few seats are left in this section for this ticket type.");
            }

            if (reclaimed || await ReclaimForAsync(tenantId, refusal, plan, now, ct) == 0)
            {
                throw refusal == SingleTripHold.BuyerLimit
                    ? new ConflictException("buyer_limit_reached", $"A buyer may hold or buy at most {max} tickets for this event.")
                    : new ConflictException("sold_out", "Too few tickets are left for this selection.");
            }

            reclaimed = true;
        }
    }

    /// <summary>A block for best available from the section's free seats, skipping seats lost on earlier tries.</summary>
    private async Task<Guid[]> PickBestAsync(Guid tenantId, HoldPlan plan, PlannedLine line, Guid sectionId, DateTimeOffset now, HashSet<Guid> lost,
        int attempt, CancellationToken ct)
    {
        var free = (await HoldStock.FreeSeatsNowAsync(db, tenantId, plan.OccurrenceId, sectionId, line.PriceZoneId, now, ct))
            .Where(s => !lost.Contains(s.SeatId)).ToList();
        return BestAvailable.Pick(free, line.Quantity, attempt == 0 ? Random.Shared.Next(4) : Random.Shared.Next(32)) is { } pick
            ? [.. pick]
            : throw new ConflictException("sold_out", $"Fewer than {line.Quantity} seats are left in this section for this ticket type.");
    }

    private async Task<int> ReclaimForAsync(Guid tenantId, string code, HoldPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var filters = code == SingleTripHold.BuyerLimit
            ? new[] { plan.AccountKey, plan.EmailKey }.OfType<string>().Select(k => new ReclaimFilter(BuyerKey: k, EventId: plan.Event.Id))
            : plan.Lines.Select(l => l.QuotaId).OfType<Guid>().Distinct().Select(q => new ReclaimFilter(QuotaId: q, OccurrenceId: plan.OccurrenceId));
        var reclaimed = 0;
        foreach (var filter in filters)
        {
            reclaimed += await stock.ReclaimExpiredAsync(tenantId, now, filter, ct);
        }

        await transaction.CommitAsync(ct);
        return reclaimed;
    }

    private async Task<Guid[]> ClaimSpecificAsync(Guid tenantId, HoldPlan plan, PlannedLine line, Guid[] seatIds, Hold hold, DateTimeOffset now,
        CancellationToken ct)
    {
        var claimed = await stock.ClaimSeatsAsync(tenantId, plan.Event.Id, plan.OccurrenceId, line.PriceZoneId, seatIds, hold.Id, hold.ExpiresAt, now,
            skipLocked: false, ct);
        if (claimed != seatIds.Length)
        {
            throw new ConflictException("seats_unavailable", "One or more of the chosen seats are no longer available; nothing was held.");
        }

        return seatIds;
    }

    /// <summary>
    /// Picks a block from the free seats and claims it, skipping seats another buyer is claiming this instant; on a
    /// short claim rolls back to a savepoint and tries another block, a few times.
    /// </summary>
    private async Task<Guid[]> ClaimBestAsync(Guid tenantId, HoldPlan plan, PlannedLine line, Guid sectionId, Hold hold, DateTimeOffset now,
        CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction!;
        var lost = new HashSet<Guid>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var free = (await stock.FreeSeatsAsync(tenantId, plan.OccurrenceId, sectionId, line.PriceZoneId, now, ct))
                .Where(s => !lost.Contains(s.SeatId)).ToList();
            var pick = BestAvailable.Pick(free, line.Quantity, attempt == 0 ? Random.Shared.Next(4) : Random.Shared.Next(32));
            if (pick is null)
            {
                break;
            }

            var seats = pick.ToArray();
            await transaction.CreateSavepointAsync("best", ct);
            var claimed = await stock.ClaimSeatsAsync(tenantId, plan.Event.Id, plan.OccurrenceId, line.PriceZoneId, seats, hold.Id, hold.ExpiresAt,
                now, skipLocked: true, ct);
            if (claimed == seats.Length)
            {
                await transaction.ReleaseSavepointAsync("best", ct);
                return seats;
            }

            await transaction.RollbackToSavepointAsync("best", ct);
            lost.UnionWith(seats);
        }

        throw new ConflictException("sold_out", $"Fewer than {line.Quantity} seats are left in this section for this ticket type.");
    }

    /// <summary>
    /// Checks the request against the event's facts — cached (<paramref name="fresh"/> false: no round trip on the hot
    /// path; <see cref="SaleGuard"/> re-checks what must not be stale) or read from the rows.
    /// </summary>
    private async Task<HoldPlan> PlanAsync(CreateHoldRequest request, HoldCaller caller, bool fresh, CancellationToken ct)
    {
        var facts = await saleFacts.GetAsync(db, tenant.RequiredTenantId, request.EventId!.Value, fresh, ct) ?? throw new NotFoundException("event");
        var ev = facts.Event;
        var occurrenceId = request.OccurrenceId!.Value;
        if (!facts.OccurrenceIds.Contains(occurrenceId))
        {
            throw FieldProblems.Invalid("occurrenceId", "occurrenceId is not an occurrence of this event.");
        }

        if (caller.Public && string.IsNullOrWhiteSpace(request.BuyerEmail))
        {
            throw FieldProblems.Invalid("buyerEmail", "buyerEmail is required: per-buyer limits count by email.");
        }

        var reseller = caller.Public ? null : await resellers.TermsAsync(caller.ClientId, ev.Id, ct);
        var channel = request.Channel ?? (caller.Public ? SalesChannel.Web : reseller is not null ? SalesChannel.Reseller : SalesChannel.BoxOffice);
        Observability.RequestFacts.Describe(ev.Id, channel);
        if (caller.Public && !PublicChannels.Contains(channel))
        {
            throw FieldProblems.Invalid("channel", "channel must be web, app or mini_program here.");
        }

        ResellerGate.CheckChannel(reseller, channel);

        if (ev.Status != EventStatus.OnSale)
        {
            throw new ConflictException("event_not_on_sale", "The event is not on sale.");
        }

        var now = clock.GetUtcNow();
        if (!facts.IsWindowOpen(channel, now))
        {
            throw new ConflictException("sales_window_closed", $"The event is not on sale on the {EventMapping.ChannelName(channel)} channel now.");
        }

        var lines = request.Lines!;
        var types = facts.TicketTypes;
        var planned = new List<PlannedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = await PlanLineAsync(lines[i], i, types, channel, occurrenceId, ct) with { Audience = lines[i].Audience };
            planned.Add(reseller is null ? line : line with { AllocationId = reseller.AllocationFor(line.TicketTypeId) });
        }

        foreach (var group in planned.GroupBy(l => l.TicketTypeId))
        {
            var type = types[group.Key];
            var total = group.Sum(l => l.Quantity);
            if (total < type.MinPerOrder || total > type.MaxPerOrder)
            {
                throw FieldProblems.Invalid("lines", $"{type.Name}: between {type.MinPerOrder} and {type.MaxPerOrder} tickets per order.");
            }
        }

        if (planned.Sum(l => l.Quantity) > MaxPerBuyer(ev))
        {
            throw new ConflictException("buyer_limit_reached", $"A buyer may hold or buy at most {MaxPerBuyer(ev)} tickets for this event.");
        }

        return new HoldPlan(ev, occurrenceId, channel, planned, caller.AccountKey, EmailKey(request.BuyerEmail) is { } e ? "email:" + e : null,
            caller.CreatedBy, fresh);
    }

    private async Task<PlannedLine> PlanLineAsync(HoldLineRequest line, int i, IReadOnlyDictionary<Guid, TicketType> types, SalesChannel channel,
        Guid occurrenceId, CancellationToken ct)
    {
        if (!types.TryGetValue(line.TicketTypeId!.Value, out var type))
        {
            throw FieldProblems.Invalid($"lines[{i}].ticketTypeId", "ticketTypeId is not a ticket type of this event.");
        }

        if (!type.Channels.Contains(EventMapping.ChannelName(channel)))
        {
            throw FieldProblems.Invalid($"lines[{i}].ticketTypeId", $"{type.Name} is not offered on the {EventMapping.ChannelName(channel)} channel.");
        }

        var seatIds = line.SeatIds?.Distinct().ToArray() ?? [];
        if (type.Kind == TicketKind.GeneralAdmission)
        {
            if (seatIds.Length > 0 || line.SectionId is not null || line.Quantity is null)
            {
                throw FieldProblems.Invalid($"lines[{i}]", "A general admission line takes a quantity, not seats or a section.");
            }

            return new PlannedLine(type.Id, type.QuotaId, null, line.Quantity.Value, null, null);
        }

        if (seatIds.Length > 0)
        {
            var known = await db.Set<EventSeat>().CountAsync(s => s.OccurrenceId == occurrenceId && s.EventId == type.EventId &&
                                                                  s.PriceZoneId == type.PriceZoneId && seatIds.Contains(s.SeatId), ct);
            if (known != seatIds.Length)
            {
                throw FieldProblems.Invalid($"lines[{i}].seatIds", "Some seats are not seats of this occurrence in the ticket type's price zone.");
            }

            return new PlannedLine(type.Id, type.QuotaId, type.PriceZoneId, seatIds.Length, seatIds, null);
        }

        if (line.SectionId is { } section && line.Quantity is { } quantity)
        {
            return new PlannedLine(type.Id, type.QuotaId, type.PriceZoneId, quantity, null, section);
        }

        throw FieldProblems.Invalid($"lines[{i}]", "A seated line takes seatIds, or a sectionId and a quantity for best available seats.");
    }

    private sealed record PlannedLine(Guid TicketTypeId, Guid? QuotaId, Guid? PriceZoneId, int Quantity, Guid[]? SeatIds, Guid? SectionId,
        Guid? AllocationId = null, Audience? Audience = null);

    private sealed record HoldPlan(Event Event, Guid OccurrenceId, SalesChannel Channel, List<PlannedLine> Lines, string? AccountKey, string? EmailKey,
        string? CreatedBy, bool Fresh);
}
