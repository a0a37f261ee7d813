using System.Text.Json;
using Platform.Orders;
using Platform.Pricing;
using Platform.Tickets;

namespace Platform.Privacy;

/// <summary>Everything the tenant holds about one buyer email (GDPR Art. 15/20), as one JSON document.</summary>
public sealed record BuyerExportResponse(
    string Email,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<OrderResponse> Orders,
    IReadOnlyList<BuyerTicketExport> Tickets,
    IReadOnlyList<BuyerVoucherRedemptionExport> VoucherRedemptions,
    IReadOnlyList<BuyerCheckInExport> CheckIns,
    IReadOnlyList<BuyerAuditEntryExport> AuditEntries);

/// <summary>A ticket of the buyer's orders, or one transferred to the buyer; no QR payload (an export is not an admission).</summary>
public sealed record BuyerTicketExport(
    Guid Id, string Number, TicketState State, Guid OrderId, Guid EventId, Guid OccurrenceId, string TicketTypeName, Audience Audience,
    TicketSeatResponse? Seat, TicketHolderResponse Holder, int TransferCount, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevokedReason);

public sealed record BuyerVoucherRedemptionExport(Guid Id, Guid VoucherId, string VoucherCode, Guid? OrderId, DateTimeOffset RedeemedAt);

public sealed record BuyerCheckInExport(Guid Id, Guid TicketId, Guid EventId, string Gate, string Direction, DateTimeOffset ScannedAt, string Source);

public sealed record BuyerAuditEntryExport(Guid Id, DateTimeOffset OccurredAt, string Actor, string Action, string EntityType, string EntityId, JsonElement? Changes);

/// <summary>An erasure request: whose data, and why (kept in the audit log).</summary>
public sealed record EraseBuyerRequest(string? Email, string? Reason);

/// <summary>What an erasure changed, row counts per kind; all zero when there was nothing (left) to erase.</summary>
public sealed record BuyerErasureResponse(int Orders, int Tickets, int Holds, int VoucherRedemptions, Guid AuditEntryId);
