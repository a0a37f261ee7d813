using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets;

namespace Platform.Import;

public enum RowOutcome
{
    Created,
    Changed,
    Unchanged,
    Rejected,
}

/// <summary>What one row would do (dry run) or did (full run), and why when it is rejected.</summary>
public sealed record RowVerdict(int Row, RowOutcome Outcome, string? Reason, string? OrderRef, string? TicketCode);

/// <summary>A ticket to create; a seated one names the venue seat it takes (and that seat's price zone).</summary>
public sealed record PlannedTicket(int Row, string[] Cells, Guid TicketTypeId, long Price, string Code, string? SeatLabel, Guid? SeatId = null,
    Guid? PriceZoneId = null);

/// <summary>A seat of an occurrence as the planner sees it: free means available, or held by a hold past its expiry (as checkout counts it).</summary>
internal sealed record ImportSeat(Guid SeatId, Guid? PriceZoneId, bool Free, string Label);

/// <summary>One legacy order: buyer (after de-duplication), where, when paid, and its new tickets, in file order.</summary>
public sealed record PlannedOrder(string Ref, string BuyerName, string Email, string? Phone, Guid EventId, Guid OccurrenceId, string Currency,
    DateTimeOffset? PaidAt, List<PlannedTicket> Tickets);

/// <summary>An imported ticket whose legacy status now says cancelled: the full run revokes it.</summary>
public sealed record PlannedRevocation(int Row, Guid TicketId, string Code);

public sealed class ImportPlan
{
    public List<PlannedOrder> Orders { get; } = [];

    public List<PlannedRevocation> Revocations { get; } = [];

    /// <summary>Every row's verdict before writing; the writer may still reject an order's rows (sold_out).</summary>
    public List<RowVerdict> Verdicts { get; } = [];

    public Dictionary<int, string[]> RejectedCells { get; } = [];

    public int Customers { get; set; }
}

/// <summary>
/// Turns cleaned rows into a plan, reading (never writing) what exists: the tenant's events, occurrences and ticket
/// types, and the natural keys of earlier imports (legacy order reference, legacy ticket code). The dry run shows the
/// plan; the full run writes it. Rules: rows with one order reference form one order and must agree on event,
/// occurrence, buyer and currency; a ticket code seen twice in the file is a duplicate (the second is rejected); a
/// code already imported is unchanged (or changed, when its status became cancelled); same e-mail or phone is one
/// customer, whose first-seen name, e-mail and phone every order of theirs carries.
/// </summary>
internal sealed class ImportPlanner(PlatformDbContext db, TenantContext tenant)
{
    /// <summary>Plans <paramref name="rows"/>; what job <paramref name="ownJob"/> already wrote is ignored, so a resumed job plans as it first did.</summary>
    public async Task<ImportPlan> PlanAsync(string[] headers, IEnumerable<ImportRow> rows, ImportMappingView mapping, Guid? ownJob, CancellationToken ct)
    {
        var tenantRow = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId)
            .Select(t => new { t.TimeZone, t.DefaultCurrency }).FirstAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenantRow.TimeZone);
        var events = await db.Set<Event>().AsNoTracking().Select(e => new { e.Id, e.Title }).ToListAsync(ct);
        var occurrences = (await db.Set<EventOccurrence>().AsNoTracking().Select(o => new { o.Id, o.EventId, o.StartsAt }).ToListAsync(ct))
            .ToLookup(o => o.EventId);
        var types = await db.Set<TicketType>().AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var importedOrders = await db.Set<ImportedOrder>().AsNoTracking().Where(o => ownJob == null || o.JobId != ownJob.Value).Select(o => o.LegacyOrderRef).ToHashSetAsync(ct);
        var importedTickets = await db.Set<ImportedTicket>().AsNoTracking().Where(i => ownJob == null || i.JobId != ownJob.Value)
            .Join(db.Set<Ticket>(), i => i.TicketId, t => t.Id, (i, t) => new { i.LegacyCode, i.LegacyOrderRef, i.TicketId, t.State })
            .ToDictionaryAsync(x => x.LegacyCode, ct);

        var column = ImportFields.All.ToDictionary(f => f, f => Array.FindIndex(headers, h => string.Equals(h, mapping.Column(f), StringComparison.OrdinalIgnoreCase)));
        var plan = new ImportPlan();
        var orders = new Dictionary<string, PlannedOrder>(StringComparer.Ordinal);
        var codesInFile = new HashSet<string>(StringComparer.Ordinal);
        var customerByEmail = new Dictionary<string, (string Name, string Email, string? Phone)>(StringComparer.OrdinalIgnoreCase);
        var customerByPhone = new Dictionary<string, (string Name, string Email, string? Phone)>(StringComparer.Ordinal);
        var seatMaps = new Dictionary<Guid, Dictionary<string, ImportSeat>>();
        var seatsInFile = new HashSet<Guid>();

        foreach (var row in rows)
        {
            string Get(string field) => column[field] is var i and >= 0 && i < row.Cells.Length ? ImportCleaning.Clean(row.Cells[i]) : "";
            void Reject(string reason, string? orderRef = null, string? code = null)
            {
                plan.Verdicts.Add(new RowVerdict(row.Number, RowOutcome.Rejected, reason, orderRef, code));
                plan.RejectedCells[row.Number] = row.Cells;
            }

            var orderRef = Get(ImportFields.OrderRef);
            var code = Get(ImportFields.TicketCode);
            if (ImportFields.Required.FirstOrDefault(f => Get(f).Length == 0) is { } missing)
            {
                Reject("missing_" + missing, orderRef.Length > 0 ? orderRef : null, code.Length > 0 ? code : null);
                continue;
            }

            if (orderRef.Length > 100 || code.Length > 100)
            {
                Reject("value_too_long", orderRef[..Math.Min(100, orderRef.Length)], code[..Math.Min(100, code.Length)]);
                continue;
            }

            if (ImportCleaning.IsValidStatus(Get(ImportFields.Status)) is not { } valid)
            {
                Reject("status_unknown", orderRef, code);
                continue;
            }

            if (!codesInFile.Add(code))
            {
                Reject("duplicate_ticket_code", orderRef, code);
                continue;
            }

            if (importedTickets.TryGetValue(code, out var existing))
            {
                if (existing.LegacyOrderRef != orderRef)
                {
                    Reject("ticket_code_imported_for_another_order", orderRef, code);
                }
                else if (!valid && existing.State == TicketState.Valid)
                {
                    plan.Revocations.Add(new PlannedRevocation(row.Number, existing.TicketId, code));
                    plan.Verdicts.Add(new RowVerdict(row.Number, RowOutcome.Changed, "cancelled_in_legacy", orderRef, code));
                }
                else
                {
                    plan.Verdicts.Add(new RowVerdict(row.Number, RowOutcome.Unchanged, null, orderRef, code));
                }

                continue;
            }

            if (!valid)
            {
                // A ticket the old system cancelled and we never imported: there is nothing to create.
                Reject("cancelled_in_legacy", orderRef, code);
                continue;
            }

            if (importedOrders.Contains(orderRef))
            {
                Reject("order_already_imported", orderRef, code);
                continue;
            }

            var email = Get(ImportFields.Email);
            if (!MailAddress.TryCreate(email, out var parsedEmail) || parsedEmail.Address != email)
            {
                Reject("invalid_email", orderRef, code);
                continue;
            }

            var phone = ImportCleaning.Phone(Get(ImportFields.Phone), out var phoneOk);
            if (!phoneOk)
            {
                Reject("invalid_phone", orderRef, code);
                continue;
            }

            var eventText = Get(ImportFields.Event);
            var matches = Guid.TryParse(eventText, out var eventId)
                ? events.Where(e => e.Id == eventId).ToList()
                : events.Where(e => string.Equals(e.Title, eventText, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count != 1)
            {
                Reject(matches.Count == 0 ? "unknown_event" : "ambiguous_event", orderRef, code);
                continue;
            }

            var ev = matches[0];
            var startText = Get(ImportFields.OccurrenceStart);
            Guid occurrenceId;
            if (startText.Length == 0)
            {
                var only = occurrences[ev.Id].ToList();
                if (only.Count != 1)
                {
                    Reject("missing_occurrence_start", orderRef, code);
                    continue;
                }

                occurrenceId = only[0].Id;
            }
            else if (ImportCleaning.Date(startText, zone) is not { } start)
            {
                Reject("invalid_date_occurrence_start", orderRef, code);
                continue;
            }
            else if (occurrences[ev.Id].FirstOrDefault(o => o.StartsAt == start) is { } occurrence)
            {
                occurrenceId = occurrence.Id;
            }
            else
            {
                Reject("unknown_occurrence", orderRef, code);
                continue;
            }

            DateTimeOffset? paidAt = null;
            var paidText = Get(ImportFields.PaidAt);
            if (paidText.Length > 0)
            {
                if (ImportCleaning.Date(paidText, zone) is not { } paid)
                {
                    Reject("invalid_date_paid_at", orderRef, code);
                    continue;
                }

                paidAt = paid;
            }

            var oldType = Get(ImportFields.TicketType);
            var typeId = mapping.TicketType(oldType)
                         ?? types.Values.Where(t => t.EventId == ev.Id && string.Equals(t.Name, oldType, StringComparison.OrdinalIgnoreCase))
                             .Select(t => (Guid?)t.Id).SingleOrDefault();
            if (typeId is not { } tid || !types.TryGetValue(tid, out var type))
            {
                Reject("unmapped_ticket_type", orderRef, code);
                continue;
            }

            if (type.EventId != ev.Id)
            {
                Reject("ticket_type_of_another_event", orderRef, code);
                continue;
            }

            ImportSeat? place = null;
            if (type.Kind == TicketKind.Seated)
            {
                // A seated row takes exactly the seat it names (ADR 0057): unknown, not for this ticket type, or taken
                // (sold, blocked, held, or by an earlier row of the file) rejects the row.
                var (section, seatRow, seatNumber) = (Get(ImportFields.Section), Get(ImportFields.Row), Get(ImportFields.Seat));
                if (section.Length == 0 || seatRow.Length == 0 || seatNumber.Length == 0)
                {
                    Reject("missing_seat", orderRef, code);
                    continue;
                }

                if (!seatMaps.TryGetValue(occurrenceId, out var seatMap))
                {
                    seatMaps[occurrenceId] = seatMap = await SeatsAsync(occurrenceId, ownJob, ct);
                }

                if (!seatMap.TryGetValue(SeatKey(section, seatRow, seatNumber), out place))
                {
                    Reject("seat_unknown", orderRef, code);
                    continue;
                }

                if (type.PriceZoneId is { } typeZone && place.PriceZoneId != typeZone)
                {
                    Reject("seat_not_for_ticket_type", orderRef, code);
                    continue;
                }

                if (!place.Free || seatsInFile.Contains(place.SeatId))
                {
                    Reject("seat_taken", orderRef, code);
                    continue;
                }
            }
            else if (type.QuotaId is null)
            {
                Reject("ticket_type_without_quota", orderRef, code);
                continue;
            }

            if (ImportCleaning.Amount(Get(ImportFields.Price), Get(ImportFields.Currency), tenantRow.DefaultCurrency, out var moneyWhy) is not { } money)
            {
                Reject(moneyWhy!, orderRef, code);
                continue;
            }

            if (money.Currency != type.Currency)
            {
                Reject("currency_mismatch", orderRef, code);
                continue;
            }

            // De-duplication: the same e-mail or phone is one customer; the first row seen names them everywhere.
            var buyer = customerByEmail.TryGetValue(email, out var byEmail) ? byEmail
                : phone is not null && customerByPhone.TryGetValue(phone, out var byPhone) ? byPhone
                : (Name: Get(ImportFields.BuyerName), Email: email, Phone: phone);
            customerByEmail.TryAdd(email, buyer);
            customerByEmail.TryAdd(buyer.Email, buyer);
            if (phone is not null)
            {
                customerByPhone.TryAdd(phone, buyer);
            }

            if (buyer.Name.Length > 200)
            {
                Reject("value_too_long", orderRef, code);
                continue;
            }

            var seat = Get(ImportFields.SeatLabel) is { Length: > 0 } label ? label : place?.Label ?? "";
            var ticket = new PlannedTicket(row.Number, row.Cells, tid, money.Minor, code, seat.Length == 0 ? null : seat[..Math.Min(50, seat.Length)],
                place?.SeatId, place?.PriceZoneId);
            if (orders.TryGetValue(orderRef, out var order))
            {
                if (order.EventId != ev.Id || order.OccurrenceId != occurrenceId || order.Currency != money.Currency
                    || !string.Equals(order.Email, buyer.Email, StringComparison.OrdinalIgnoreCase))
                {
                    codesInFile.Remove(code);
                    Reject("order_rows_disagree", orderRef, code);
                    continue;
                }

                order.Tickets.Add(ticket);
            }
            else
            {
                order = new PlannedOrder(orderRef, buyer.Name, buyer.Email, buyer.Phone, ev.Id, occurrenceId, money.Currency, paidAt, [ticket]);
                orders.Add(orderRef, order);
                plan.Orders.Add(order);
            }

            if (place is not null)
            {
                seatsInFile.Add(place.SeatId);
            }

            plan.Verdicts.Add(new RowVerdict(row.Number, RowOutcome.Created, null, orderRef, code));
        }

        plan.Customers = plan.Orders.Select(o => o.Email.ToLowerInvariant()).Distinct().Count();
        plan.Verdicts.Sort((a, b) => a.Row.CompareTo(b.Row));
        return plan;
    }

    private static string SeatKey(string section, string row, string seat) => $"{section}\u001f{row}\u001f{seat}".ToUpperInvariant();

    /// <summary>
    /// The occurrence's seats by (section name or code, row, seat), read once per occurrence; RLS keeps them to the
    /// tenant. Seats sold by <paramref name="ownJob"/> itself count as free, so a resumed job plans as it first did.
    /// The columns are named in snake case: the model's naming convention maps <see cref="SeatRow"/>'s properties so.
    /// </summary>
    private async Task<Dictionary<string, ImportSeat>> SeatsAsync(Guid occurrenceId, Guid? ownJob, CancellationToken ct)
    {
        var ownActor = ownJob is { } job ? $"import:{job}" : "";
        var rows = await db.Database.SqlQuery<SeatRow>($"""
            SELECT es.seat_id, es.price_zone_id, sec.name AS section, sec.code AS section_code, s.row_label AS row, s.seat_label AS seat,
                   COALESCE(es.state = 'available' OR (es.state = 'held' AND es.held_until < now()) OR h.created_by = {ownActor}, false) AS free
            FROM event_seats es
            JOIN seats s ON s.tenant_id = es.tenant_id AND s.id = es.seat_id
            JOIN venue_sections sec ON sec.tenant_id = es.tenant_id AND sec.id = es.section_id
            LEFT JOIN holds h ON h.tenant_id = es.tenant_id AND h.id = es.hold_id AND es.state = 'sold'
            WHERE es.tenant_id = {tenant.RequiredTenantId} AND es.occurrence_id = {occurrenceId}
            """).ToListAsync(ct);
        var map = new Dictionary<string, ImportSeat>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var seat = new ImportSeat(r.SeatId, r.PriceZoneId, r.Free, $"{r.Section} {r.Row}-{r.Seat}");
            map.TryAdd(SeatKey(r.Section, r.Row, r.Seat), seat);
            map.TryAdd(SeatKey(r.SectionCode, r.Row, r.Seat), seat);
        }

        return map;
    }

    private sealed class SeatRow
    {
        public Guid SeatId { get; init; }

        public Guid? PriceZoneId { get; init; }

        public string Section { get; init; } = "";

        public string SectionCode { get; init; } = "";

        public string Row { get; init; } = "";

        public string Seat { get; init; } = "";

        public bool Free { get; init; }
    }
}
