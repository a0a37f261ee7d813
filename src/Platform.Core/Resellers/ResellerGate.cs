using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;
using Platform.Persistence;
using Platform.Sales;

namespace Platform.Resellers;

/// <summary>A reseller's allocations for one event, as hold planning needs them.</summary>
public sealed class ResellerTerms(string clientId, IReadOnlyList<ResellerAllocation> allocations)
{
    public string ClientId { get; } = clientId;

    /// <summary>The most specific allocation: the ticket type's own, else the event-wide one; none → 409 no_allocation.</summary>
    public Guid AllocationFor(Guid ticketTypeId) =>
        (allocations.FirstOrDefault(a => a.TicketTypeId == ticketTypeId) ?? allocations.FirstOrDefault(a => a.TicketTypeId is null))?.Id
        ?? throw NoAllocation();

    /// <summary>
    /// What the allocation has left as last read (held, sold), never below zero. A quote checks against it; a hold takes
    /// the allocation with a conditional UPDATE, so a quote that passes can still lose the race for the last tickets.
    /// </summary>
    public int Remaining(Guid allocationId) =>
        allocations.Where(a => a.Id == allocationId).Select(a => Math.Max(a.Quantity - a.Held - a.Sold, 0)).FirstOrDefault();

    /// <summary>409 allocation_exceeded with how many remain (issue #21), the same answer from a hold and from a quote.</summary>
    public static ConflictException Exceeded(int remaining, int asked) =>
        new("allocation_exceeded", $"Only {Math.Max(remaining, 0)} of the {asked} tickets asked for are left in the reseller's allocation for this selection.")
        {
            Extensions = new Dictionary<string, object?> { ["remaining"] = Math.Max(remaining, 0) },
        };

    internal static ConflictException NoAllocation() =>
        new("no_allocation", "The reseller has no allocation for this event or ticket type; the tenant must grant one first.");
}

/// <summary>
/// Who is a reseller and what it may touch (ADR 0014). A reseller is an API client (client-credentials token) that
/// the tenant has granted at least one allocation; it sells on the reseller channel only, within its allocations,
/// and sees only the holds and orders it created. People (tenant staff) and other API clients are unaffected.
/// </summary>
public sealed class ResellerGate(PlatformDbContext db)
{
    /// <summary>The client id of a client-credentials token (no person behind it); null for people and anonymous callers.</summary>
    public static string? ClientOf(ClaimsPrincipal user) =>
        Callers.IsClient(user) && !user.HasClaim(c => c.Type == PlatformClaims.Role) ? user.FindFirst(PlatformClaims.ClientId)!.Value : null;

    /// <summary>The key holds and orders carry in created_by for this client (see HoldEndpoints.CreatedBy).</summary>
    public static string CreatedByKey(string clientId) => "client:" + clientId;

    public Task<bool> IsResellerAsync(string clientId, CancellationToken ct) => db.Set<Reseller>().AnyAsync(r => r.ClientId == clientId, ct);

    /// <summary>The caller's reseller terms for an event, or null when the caller is not a reseller.</summary>
    public async Task<ResellerTerms?> TermsAsync(string? clientId, Guid eventId, CancellationToken ct)
    {
        if (clientId is null || !await IsResellerAsync(clientId, ct))
        {
            return null;
        }

        var allocations = await db.Set<ResellerAllocation>().AsNoTracking().Where(a => a.ClientId == clientId && a.EventId == eventId).ToListAsync(ct);
        return new ResellerTerms(clientId, allocations);
    }

    /// <summary>Resellers sell on the reseller channel only, and only resellers sell on it (so every reseller sale is capped).</summary>
    public static void CheckChannel(ResellerTerms? reseller, SalesChannel channel)
    {
        if (reseller is not null && channel != SalesChannel.Reseller)
        {
            throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                new Dictionary<string, string[]> { ["channel"] = ["A reseller sells on the reseller channel only."] });
        }

        if (reseller is null && channel == SalesChannel.Reseller)
        {
            throw new ConflictException("no_allocation", "Only an API client with a reseller allocation sells on the reseller channel.");
        }
    }

    /// <summary>The client the caller is limited to (a reseller sees only its own holds and orders), or null when unrestricted.</summary>
    public async Task<string?> RestrictedToAsync(ClaimsPrincipal user, CancellationToken ct) =>
        ClientOf(user) is { } client && await IsResellerAsync(client, ct) ? client : null;

    /// <summary>Who created the hold (null CreatedBy: an anonymous buyer); null when there is no such hold.</summary>
    public Task<Owner?> HoldOwnerAsync(Guid holdId, CancellationToken ct) =>
        db.Set<Hold>().AsNoTracking().Where(h => h.Id == holdId).Select(h => new Owner(h.CreatedBy)).FirstOrDefaultAsync(ct);

    /// <summary>An order belongs to whoever created its hold (a reseller's hold ordered by staff is still the reseller's sale).</summary>
    public Task<Owner?> OrderOwnerAsync(Guid orderId, CancellationToken ct) =>
        db.Set<Orders.Order>().AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new Owner(db.Set<Hold>().Where(h => h.Id == o.HoldId).Select(h => h.CreatedBy).FirstOrDefault())).FirstOrDefaultAsync(ct);
}

/// <summary>The created_by of a hold (or of an order's hold): "client:{id}", "user:{sub}", or null for anonymous buyers.</summary>
public sealed record Owner(string? CreatedBy);
