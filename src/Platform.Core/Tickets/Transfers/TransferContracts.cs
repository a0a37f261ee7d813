using FluentValidation;

namespace Platform.Tickets.Transfers;

/// <summary>Hands a ticket to a new holder; the old QR stops admitting and the new holder is emailed a new one.</summary>
public sealed record TransferTicketRequest(string? Name, string? Email);

/// <summary>
/// Per-event ticket rules. A missing deadline or limit means none; <see cref="HolderNames"/> (default buyer) says
/// whether checkout names each ticket's holder (optional) or must (required).
/// </summary>
public sealed record EventTicketSettingsRequest(bool? TransfersEnabled, DateTimeOffset? TransferDeadline, int? MaxTransfersPerTicket,
    TicketHolderNames? HolderNames = null);

public sealed record EventTicketSettingsResponse(Guid EventId, bool TransfersEnabled, DateTimeOffset? TransferDeadline, int? MaxTransfersPerTicket,
    DateTimeOffset? UpdatedAt, TicketHolderNames HolderNames);

internal sealed class TransferTicketRequestValidator : AbstractValidator<TransferTicketRequest>
{
    public TransferTicketRequestValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254).EmailAddress();
    }
}

internal sealed class EventTicketSettingsRequestValidator : AbstractValidator<EventTicketSettingsRequest>
{
    public EventTicketSettingsRequestValidator()
    {
        RuleFor(x => x.TransfersEnabled).NotNull();
        RuleFor(x => x.MaxTransfersPerTicket).InclusiveBetween(0, 100);
    }
}

/// <summary>
/// Another capability's veto on transfers (e.g. check-in refuses a ticket already used). Return a conflict code and
/// detail to refuse, or null to allow. Registered implementations run inside the transfer, before any change.
/// </summary>
public interface ITicketTransferGuard
{
    Task<(string Code, string Detail)?> RefuseAsync(Ticket ticket, CancellationToken ct);
}
