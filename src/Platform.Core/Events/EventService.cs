using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Venues;
using Platform.Sales;

namespace Platform.Events;

/// <summary>
/// Changes events, their occurrences, windows, quotas and ticket types. Each request commits once, with its audit
/// entry and the inventory rows it implies (quota counters, seat states), or not at all.
/// </summary>
public sealed class EventService(PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock)
{
    public Task<Event?> FindAsync(Guid id, CancellationToken ct) => db.Set<Event>().FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<Event> CreateAsync(CreateEventRequest request, CancellationToken ct)
    {
        if (request.VenueId is { } venueId && !await db.Set<Venue>().AnyAsync(v => v.Id == venueId, ct))
        {
            throw FieldProblems.Invalid("venueId", "venueId is not a venue of this tenant.");
        }

        var now = clock.GetUtcNow();
        var ev = new Event
        {
            Title = request.Title!.Trim(),
            Description = request.Description,
            Category = request.Category!.Trim().ToLowerInvariant(),
            VenueId = request.VenueId,
            TimeZone = request.TimeZone!,
            MaxTicketsPerBuyer = request.MaxTicketsPerBuyer,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(ev);
        db.AddRange(request.Occurrences!.Select(o => NewOccurrence(ev, o)));
        db.AddRange((request.SalesWindows ?? []).Select(w => NewWindow(ev, w)));
        audit.Record("event.created", "event", ev.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["title"] = new(null, ev.Title),
            ["occurrences"] = new(null, request.Occurrences!.Count),
        });
        await db.SaveChangesAsync(ct);
        return ev;
    }

    public async Task UpdateAsync(Event ev, UpdateEventRequest request, CancellationToken ct)
    {
        EnsureOpen(ev);
        var changes = new ChangeSet();
        changes.Set("title", ev.Title, request.Title?.Trim(), v => ev.Title = v);
        changes.Set("description", ev.Description, request.Description, v => ev.Description = v);
        changes.Set("category", ev.Category, request.Category?.Trim().ToLowerInvariant(), v => ev.Category = v);
        changes.Set("timeZone", ev.TimeZone, request.TimeZone, v => ev.TimeZone = v);
        changes.Set("maxTicketsPerBuyer", ev.MaxTicketsPerBuyer, request.MaxTicketsPerBuyer, v => ev.MaxTicketsPerBuyer = v);
        await CommitAsync(ev, "event.updated", changes.Changes, ct);
    }

    public async Task<EventOccurrence> AddOccurrenceAsync(Event ev, OccurrenceRequest request, CancellationToken ct)
    {
        EnsureOpen(ev);
        var occurrence = NewOccurrence(ev, request);
        db.Add(occurrence);
        var quotas = await db.Set<Quota>().Where(q => q.EventId == ev.Id).ToListAsync(ct);
        db.AddRange(quotas.Select(q => NewCounter(q, occurrence.Id)));
        var seated = ev.VenueId is not null && await db.Set<TicketType>().AnyAsync(t => t.EventId == ev.Id && t.Kind == TicketKind.Seated, ct);

        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        await CommitAsync(ev, "event.occurrence_added", new Dictionary<string, FieldChange>
        {
            ["occurrences"] = new(null, $"{occurrence.StartsAt:O}"),
        }, ct);
        if (seated)
        {
            await InventoryWriter.CreateSeatStatesAsync(db, tenant.RequiredTenantId, ev.Id, ev.VenueId!.Value, ct);
        }

        await transaction.CommitAsync(ct);
        return occurrence;
    }

    public async Task ReplaceSalesWindowsAsync(Event ev, IReadOnlyList<SalesWindowRequest> windows, CancellationToken ct)
    {
        EnsureOpen(ev);
        var existing = await db.Set<SalesWindow>().Where(w => w.EventId == ev.Id).ToListAsync(ct);
        db.RemoveRange(existing);
        db.AddRange(windows.Select(w => NewWindow(ev, w)));
        await CommitAsync(ev, "event.sales_windows_replaced", new Dictionary<string, FieldChange>
        {
            ["salesWindows"] = new(existing.Count, windows.Count),
        }, ct);
    }

    public async Task<Quota> AddQuotaAsync(Event ev, QuotaRequest request, CancellationToken ct)
    {
        EnsureOpen(ev);
        if (request.SectionId is { } sectionId && !await db.Set<VenueSection>()
                .AnyAsync(s => s.Id == sectionId && s.VenueId == ev.VenueId && s.Kind == SectionKind.GeneralAdmission, ct))
        {
            throw FieldProblems.Invalid("sectionId", "sectionId must be a general-admission area of the event's venue.");
        }

        var quota = new Quota { EventId = ev.Id, Name = request.Name!.Trim(), Capacity = request.Capacity!.Value, SectionId = request.SectionId };
        db.Add(quota);
        var occurrences = await db.Set<EventOccurrence>().Where(o => o.EventId == ev.Id).Select(o => o.Id).ToListAsync(ct);
        db.AddRange(occurrences.Select(o => NewCounter(quota, o)));
        audit.Record("quota.created", "quota", quota.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["name"] = new(null, quota.Name),
            ["capacity"] = new(null, quota.Capacity),
        });
        await CommitAsync(ev, null, null, ct);
        return quota;
    }

    /// <summary>
    /// Changes a quota's capacity on every occurrence. Refused (409) when any occurrence has more sold + held than the
    /// new capacity; the CHECK constraint refuses it too if a checkout slips in between.
    /// </summary>
    public async Task UpdateQuotaAsync(Event ev, Quota quota, UpdateQuotaRequest request, CancellationToken ct)
    {
        EnsureOpen(ev);
        var changes = new ChangeSet();
        changes.Set("name", quota.Name, request.Name?.Trim(), v => quota.Name = v);
        if (request.Capacity is { } capacity && capacity != quota.Capacity)
        {
            var counters = await db.Set<QuotaCounter>().Where(c => c.QuotaId == quota.Id).ToListAsync(ct);
            var committed = counters.Select(c => c.Held + c.Sold).DefaultIfEmpty(0).Max();
            if (committed > capacity)
            {
                throw FieldProblems.Conflict("capacity_below_committed", "capacity",
                    $"capacity {capacity} is below the {committed} tickets already sold or held for an occurrence.");
            }

            changes.Set<int?>("capacity", quota.Capacity, capacity, v => quota.Capacity = v!.Value);
            counters.ForEach(c => c.Capacity = capacity);
        }

        if (changes.Changes.Count == 0)
        {
            return;
        }

        audit.Record("quota.updated", "quota", quota.Id.ToString(), changes.Changes);
        try
        {
            await CommitAsync(ev, null, null, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { ConstraintName: QuotaCounterConfiguration.CapacityCheck })
        {
            throw FieldProblems.Conflict("capacity_below_committed", "capacity",
                "capacity is below what was sold or held in the meantime; reload and try again.");
        }
    }

    public async Task<TicketType> AddTicketTypeAsync(Event ev, TicketTypeRequest request, CancellationToken ct)
    {
        EnsureOpen(ev);
        await EnsureTenantCurrencyAsync(request.Price!.Currency!, ct);
        if (request.QuotaId is { } quotaId && !await db.Set<Quota>().AnyAsync(q => q.Id == quotaId && q.EventId == ev.Id, ct))
        {
            throw FieldProblems.Invalid("quotaId", "quotaId is not a quota of this event.");
        }

        if (request.Kind == TicketKind.Seated)
        {
            if (ev.VenueId is null)
            {
                throw FieldProblems.Invalid("kind", "seated tickets need an event with a venue.");
            }

            if (!await db.Set<PriceZone>().AnyAsync(z => z.Id == request.PriceZoneId && z.VenueId == ev.VenueId, ct))
            {
                throw FieldProblems.Invalid("priceZoneId", "priceZoneId is not a price zone of the event's venue.");
            }
        }

        // Seat states are created once, with the first seated ticket type: the event's seat map is then fixed.
        var firstSeated = request.Kind == TicketKind.Seated &&
            !await db.Set<TicketType>().AnyAsync(t => t.EventId == ev.Id && t.Kind == TicketKind.Seated, ct);
        var now = clock.GetUtcNow();
        var type = new TicketType
        {
            EventId = ev.Id,
            Name = request.Name!.Trim(),
            Kind = request.Kind!.Value,
            PriceZoneId = request.PriceZoneId,
            QuotaId = request.QuotaId,
            PriceMinor = request.Price!.Amount!.Value,
            Currency = request.Price.Currency!,
            MinPerOrder = request.MinPerOrder ?? 1,
            MaxPerOrder = request.MaxPerOrder ?? Math.Max(10, request.MinPerOrder ?? 1),
            Channels = [.. (request.Channels ?? Enum.GetValues<SalesChannel>()).Select(EventMapping.ChannelName)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(type);
        audit.Record("ticket_type.created", "ticket_type", type.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["name"] = new(null, type.Name),
            ["priceMinor"] = new(null, type.PriceMinor),
            ["currency"] = new(null, type.Currency),
        });

        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        await CommitAsync(ev, null, null, ct);
        if (firstSeated)
        {
            await InventoryWriter.CreateSeatStatesAsync(db, tenant.RequiredTenantId, ev.Id, ev.VenueId!.Value, ct);
        }

        await transaction.CommitAsync(ct);
        return type;
    }

    public async Task UpdateTicketTypeAsync(Event ev, TicketType type, UpdateTicketTypeRequest request, CancellationToken ct)
    {
        EnsureOpen(ev);
        var min = request.MinPerOrder ?? type.MinPerOrder;
        var max = request.MaxPerOrder ?? type.MaxPerOrder;
        if (max < min)
        {
            throw FieldProblems.Invalid("maxPerOrder", "maxPerOrder must be at least minPerOrder.");
        }

        if (request.Price?.Currency is { } currency && !string.Equals(currency, type.Currency, StringComparison.Ordinal))
        {
            throw FieldProblems.Invalid("price.currency", $"price.currency must stay the ticket type's currency {type.Currency}.");
        }

        var changes = new ChangeSet();
        changes.Set("name", type.Name, request.Name?.Trim(), v => type.Name = v);
        changes.Set<long?>("priceMinor", type.PriceMinor, request.Price?.Amount, v => type.PriceMinor = v!.Value);
        changes.Set<int?>("minPerOrder", type.MinPerOrder, request.MinPerOrder, v => type.MinPerOrder = v!.Value);
        changes.Set<int?>("maxPerOrder", type.MaxPerOrder, request.MaxPerOrder, v => type.MaxPerOrder = v!.Value);
        var channels = request.Channels is { } c ? string.Join(',', c.Select(EventMapping.ChannelName)) : null;
        changes.Set("channels", string.Join(',', type.Channels), channels, v => type.Channels = v.Length == 0 ? [] : v.Split(','));
        if (changes.Changes.Count == 0)
        {
            return;
        }

        type.UpdatedAt = clock.GetUtcNow();
        audit.Record("ticket_type.updated", "ticket_type", type.Id.ToString(), changes.Changes);
        await CommitAsync(ev, null, null, ct);
    }

    /// <summary>
    /// Removes a ticket type nothing was sold or held for. Hold items and order lines keep a restricting foreign key
    /// to it, so a hold that slips in between the check and the delete makes the database refuse the delete: both
    /// answer 409 <c>ticket_type_in_use</c>, which tells the promoter to take it off sale (empty channels) instead.
    /// The last ticket type of a published event stays (a published event needs one, as publishing does).
    /// </summary>
    public async Task RemoveTicketTypeAsync(Event ev, TicketType type, CancellationToken ct)
    {
        EnsureOpen(ev);
        if (await db.Set<Holds.HoldItem>().AnyAsync(i => i.TicketTypeId == type.Id, ct) ||
            await db.Set<Orders.OrderLine>().AnyAsync(l => l.TicketTypeId == type.Id, ct))
        {
            throw InUse();
        }

        if (ev.Status != EventStatus.Draft && !await db.Set<TicketType>().AnyAsync(t => t.EventId == ev.Id && t.Id != type.Id, ct))
        {
            throw FieldProblems.Conflict("no_ticket_types", "ticketTypeId",
                "a published event keeps at least one ticket type; add another first, or take this one off sale (channels: []).");
        }

        db.Remove(type);
        audit.Record("ticket_type.removed", "ticket_type", type.Id.ToString(), new Dictionary<string, FieldChange> { ["name"] = new(type.Name, null) });
        try
        {
            await CommitAsync(ev, null, null, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            throw InUse();
        }

        static Exception InUse() => FieldProblems.Conflict("ticket_type_in_use", "ticketTypeId",
            "tickets were sold or held for this ticket type, so it cannot be removed; take it off sale instead (PATCH it with channels: []).");
    }

    /// <summary>
    /// Blocks available seats (or releases blocked ones) with one conditional UPDATE, the same way checkout holds them:
    /// all requested seats change, or none do (409 naming seatIds when any is not in the expected state).
    /// </summary>
    public async Task<int> SetSeatsBlockedAsync(Event ev, Guid occurrenceId, IReadOnlyList<Guid> seatIds, bool blocked, CancellationToken ct)
    {
        EnsureOpen(ev);
        var ids = seatIds.Distinct().ToArray();
        var (from, to) = blocked ? (SeatState.Available, SeatState.Blocked) : (SeatState.Blocked, SeatState.Available);

        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        var changed = await db.Set<EventSeat>()
            .Where(s => s.OccurrenceId == occurrenceId && ids.Contains(s.SeatId) && s.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, to), ct);
        if (changed != ids.Length)
        {
            // Disposing the transaction uncommitted rolls the partial update back.
            throw FieldProblems.Conflict("seats_unavailable", "seatIds",
                $"{ids.Length - changed} of the seats are not {Text(from)} for this occurrence; nothing was changed.");
        }

        audit.Record(blocked ? "event.seats_blocked" : "event.seats_released", "event", ev.Id.ToString(), new Dictionary<string, FieldChange>
        {
            [$"occurrences.{occurrenceId}.seats"] = new(Text(from), $"{Text(to)} ({changed})"),
        });
        await CommitAsync(ev, null, null, ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    /// <summary>Moves the event along its lifecycle; an invalid move is 409, publishing without ticket types 422.</summary>
    public async Task TransitionAsync(Event ev, EventStatus to, CancellationToken ct)
    {
        if (!EventRules.CanTransition(ev.Status, to))
        {
            throw FieldProblems.Conflict("invalid_transition", "status",
                $"An event that is {Text(ev.Status)} cannot become {Text(to)}.");
        }

        if (to == EventStatus.Published && !await db.Set<TicketType>().AnyAsync(t => t.EventId == ev.Id, ct))
        {
            throw new UnprocessableException("no_ticket_types", "An event needs at least one ticket type to be published.",
                new Dictionary<string, string[]> { ["ticketTypes"] = ["add at least one ticket type before publishing."] });
        }

        var from = ev.Status;
        ev.Status = to;
        if (to == EventStatus.Published)
        {
            ev.PublishedAt ??= clock.GetUtcNow();
        }

        var action = "event." + Text(to);
        await CommitAsync(ev, action, new Dictionary<string, FieldChange> { ["status"] = new(Text(from), Text(to)) }, ct);
    }

    private async Task CommitAsync(Event ev, string? action, IReadOnlyDictionary<string, FieldChange>? changes, CancellationToken ct)
    {
        if (action is not null)
        {
            if (changes is { Count: 0 })
            {
                return;
            }

            audit.Record(action, "event", ev.Id.ToString(), changes);
        }

        // Touching the event bumps its xmin, so concurrent edits of one event serialize through it.
        ev.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureTenantCurrencyAsync(string currency, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var expected = await db.Set<Tenant>().Where(t => t.Id == tenantId).Select(t => t.DefaultCurrency).FirstAsync(ct);
        if (!string.Equals(currency, expected, StringComparison.Ordinal))
        {
            throw FieldProblems.Invalid("price.currency", $"price.currency must be the tenant's currency {expected}.");
        }
    }

    private static string Text(EventStatus status) => SnakeCaseEnumConverter<EventStatus>.ToText(status);

    private static string Text(SeatState state) => SnakeCaseEnumConverter<SeatState>.ToText(state);

    private static void EnsureOpen(Event ev)
    {
        if (EventRules.IsClosed(ev.Status))
        {
            throw FieldProblems.Conflict("event_closed", "status", "The event has ended or was cancelled; it can no longer change.");
        }
    }

    private static EventOccurrence NewOccurrence(Event ev, OccurrenceRequest o) => new()
    {
        EventId = ev.Id,
        DoorsAt = o.DoorsAt?.ToUniversalTime(),
        StartsAt = o.StartsAt!.Value.ToUniversalTime(),
        EndsAt = o.EndsAt!.Value.ToUniversalTime(),
        TimeZone = o.TimeZone ?? ev.TimeZone,
    };

    private static SalesWindow NewWindow(Event ev, SalesWindowRequest w) => new()
    {
        EventId = ev.Id,
        Channel = w.Channel!.Value,
        OpensAt = w.OpensAt!.Value.ToUniversalTime(),
        ClosesAt = w.ClosesAt!.Value.ToUniversalTime(),
    };

    private static QuotaCounter NewCounter(Quota quota, Guid occurrenceId) => new()
    {
        QuotaId = quota.Id,
        OccurrenceId = occurrenceId,
        EventId = quota.EventId,
        Capacity = quota.Capacity,
    };
}
