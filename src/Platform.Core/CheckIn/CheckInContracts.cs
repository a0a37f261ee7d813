using FluentValidation;
using Platform.Pricing;
using Platform.Tickets;

namespace Platform.CheckIn;

/// <summary>What a scan decided. exited only happens on events that allow re-entry (scans alternate in and out).</summary>
public enum ScanResult
{
    Admitted,
    AlreadyUsed,
    Revoked,
    WrongEvent,
    Invalid,
    Exited,
}

/// <summary>A gate scan: the event the gate admits to, the QR payload as read, the gate's name, and when it was read (default: now).</summary>
public sealed record ScanRequest(Guid? EventId, string? Code, string? Gate, DateTimeOffset? ScannedAt);

/// <summary>
/// The decision. <see cref="Reason"/> explains invalid (malformed, unknown_key, bad_signature, stale_code,
/// unknown_ticket). For already_used, <see cref="FirstScannedAt"/>/<see cref="FirstGate"/> name the admitting scan.
/// <see cref="ScannedAt"/> is the time recorded; <see cref="ClockSkewed"/> says the device's time was replaced by the server's.
/// <see cref="Audience"/> (whenever the ticket was found) is who it admits: staff check a child or concession ticket's holder.
/// <see cref="Seat"/> (whenever the ticket was found and is seated; null for general admission) is where it sits, so the
/// gate can send the holder to the right door. Replayed offline results carry neither type, audience nor seat.
/// </summary>
public sealed record ScanResponse(ScanResult Result, string? Reason, Guid? TicketId, Guid? TicketTypeId, DateTimeOffset ScannedAt, bool ClockSkewed,
    DateTimeOffset? FirstScannedAt, string? FirstGate, Audience? Audience = null, TicketSeatResponse? Seat = null);

public sealed record CheckInSettingsRequest(bool? AllowReEntry);

public sealed record CheckInSettingsResponse(Guid EventId, bool AllowReEntry, DateTimeOffset? UpdatedAt);

public sealed record CheckInTicketTypeCount(Guid TicketTypeId, int Admitted, int Inside, int Valid);

/// <summary>Live counts: tickets admitted at least once, currently inside (differs only with re-entry), and valid tickets.</summary>
public sealed record CheckInCountsResponse(Guid EventId, int Admitted, int Inside, int Valid, IReadOnlyList<CheckInTicketTypeCount> TicketTypes);

public sealed record CheckInRecordResponse(Guid Id, Guid TicketId, Guid TicketTypeId, string Gate, string Direction, DateTimeOffset ScannedAt,
    DateTimeOffset RecordedAt, Guid? DeviceId, string Source);

public sealed record EnrolDeviceRequest(string? Name, IReadOnlyList<Guid>? EventIds);

public sealed record DeviceResponse(Guid Id, string Name, IReadOnlyList<Guid>? EventIds, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The enrolled device and its token, shown once: send it as <c>Authorization: Device &lt;token&gt;</c>.</summary>
public sealed record EnrolledDeviceResponse(DeviceResponse Device, string Token);

public sealed record DeviceListResponse(IReadOnlyList<DeviceResponse> Data);

/// <summary>A valid ticket as a gate needs it offline, with the audience it admits and its seat (null for general admission).</summary>
public sealed record OfflineTicket(Guid Id, Guid TicketTypeId, int CodeVersion, bool Admitted, Audience Audience, TicketSeatResponse? Seat = null);

/// <summary>
/// Everything a gate needs to decide offline: valid tickets with their current code versions, revoked ticket ids,
/// the tenant's public keys, the re-entry rule and the server time (for the device to measure its clock offset).
/// Imported tickets whose tenant kept the old codes come as <see cref="LegacyCodes"/>: each old code only as the
/// lower-case hex SHA-256 of <see cref="LegacyCodeSalt"/> followed by the trimmed code (UTF-8), so a lost device does
/// not hand out a list of admissible codes; a gate hashes what it scanned the same way and looks it up.
/// </summary>
public sealed record OfflinePackageResponse(Guid EventId, DateTimeOffset ServerTime, bool AllowReEntry, IReadOnlyList<OfflineTicket> Tickets,
    IReadOnlyList<Guid> Revoked, TicketJsonWebKeySet Keys, string LegacyCodeSalt, IReadOnlyList<OfflineLegacyCode> LegacyCodes);

/// <summary>An imported ticket's old code, hashed with the package's salt, and the ticket it admits (as code version 1).</summary>
public sealed record OfflineLegacyCode(string CodeHash, Guid TicketId);

public sealed record OfflineScanRequest(string? Nonce, string? Code, string? Gate, DateTimeOffset? ScannedAt);

public sealed record ScanBatchRequest(string? DeviceBatchId, Guid? EventId, IReadOnlyList<OfflineScanRequest>? Scans);

/// <summary>The result of one uploaded scan; <see cref="Replayed"/> is true when the nonce was uploaded before (stored result returned).</summary>
public sealed record OfflineScanResponse(string Nonce, ScanResponse Scan, bool Replayed);

public sealed record ScanBatchResponse(string DeviceBatchId, IReadOnlyList<OfflineScanResponse> Results);

internal sealed class ScanRequestValidator : AbstractValidator<ScanRequest>
{
    public ScanRequestValidator()
    {
        RuleFor(x => x.EventId).NotNull();
        RuleFor(x => x.Code).NotNull().MaximumLength(1000);
        RuleFor(x => x.Gate).NotEmpty().MaximumLength(100);
    }
}

internal sealed class CheckInSettingsRequestValidator : AbstractValidator<CheckInSettingsRequest>
{
    public CheckInSettingsRequestValidator() => RuleFor(x => x.AllowReEntry).NotNull();
}

internal sealed class EnrolDeviceRequestValidator : AbstractValidator<EnrolDeviceRequest>
{
    public EnrolDeviceRequestValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.EventIds).Must(ids => ids is null || ids.Count <= 100).WithMessage("At most 100 events.");
    }
}

internal sealed class ScanBatchRequestValidator : AbstractValidator<ScanBatchRequest>
{
    public const int MaxScans = 500;

    public ScanBatchRequestValidator()
    {
        RuleFor(x => x.DeviceBatchId).NotEmpty().MaximumLength(100);
        RuleFor(x => x.EventId).NotNull();
        RuleFor(x => x.Scans).NotNull().Must(s => s is null || s.Count is >= 1 and <= MaxScans).WithMessage($"Between 1 and {MaxScans} scans.");
        RuleForEach(x => x.Scans).ChildRules(scan =>
        {
            scan.RuleFor(s => s.Nonce).NotEmpty().MaximumLength(100);
            scan.RuleFor(s => s.Code).NotNull().MaximumLength(1000);
            scan.RuleFor(s => s.Gate).NotEmpty().MaximumLength(100);
            scan.RuleFor(s => s.ScannedAt).NotNull();
        }).When(x => x.Scans is not null);
        RuleFor(x => x.Scans).Must(s => s is null || s.Where(x => x is not null).Select(x => x.Nonce).Distinct(StringComparer.Ordinal).Count() == s.Count)
            .WithMessage("Nonces must be unique within a batch.");
    }
}
