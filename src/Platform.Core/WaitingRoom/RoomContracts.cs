using FluentValidation;

namespace Platform.WaitingRoom;

/// <summary>
/// Switches an event's waiting room on (or changes it, live). <c>ratePerMinute</c>: buyers admitted per minute
/// (1–100,000). <c>releasePercent</c>: grey release, the share of the general queue that may be admitted (1–100,
/// default 100). <c>presaleCode</c>: buyers joining with it form a cohort admitted before everyone else; an empty
/// string removes it. <c>opensAt</c>: the on-sale time (default: when the event's web sales window opens, or now);
/// arrivals before it get random positions when it passes. It can no longer move once the room has opened.
/// <c>autoOnPerSecond</c> (1–100,000): switch-on "auto" — an off room is armed instead of opened: holds need no pass
/// until public holds of the event pass this many per second on a node, then the room turns itself on (audited,
/// webhook <c>waiting_room.switched_on</c>). Null (default): the room is switched on now.
/// </summary>
public sealed record RoomRequest(int RatePerMinute, int? ReleasePercent, string? PresaleCode, DateTimeOffset? OpensAt, int? AutoOnPerSecond = null);

/// <summary>Webhook data of <c>waiting_room.switched_on</c>: an armed room turned itself on at the measured arrival rate.</summary>
public sealed record RoomSwitchedOn(Guid EventId, string How, double ArrivalsPerSecond, int? AutoOnPerSecond, int RatePerMinute, DateTimeOffset At);

/// <summary>The room's settings and live figures for the promoter.</summary>
/// <param name="Waiting">Buyers placed in the queue and not yet admitted.</param>
/// <param name="NotYetPlaced">Arrivals before the on-sale time, waiting for their random position.</param>
/// <param name="Admitted">Buyers admitted so far (their pass may be claimed).</param>
/// <param name="PassesIssued">Admitted buyers who claimed their pass.</param>
/// <param name="PassesUsed">Passes a hold succeeded with.</param>
/// <param name="PassesAbandoned">Passes that expired unused.</param>
/// <param name="AdmittedAsOf">The admitter's clock: the figures above are as of this time.</param>
/// <param name="State">open, paused, closed (off) or armed (off until the arrival rate passes <c>autoOnPerSecond</c>).</param>
/// <param name="Members">Addresses on the room's member list (0: no list); members join the presale lane.</param>
public sealed record RoomResponse(Guid EventId, string State, int RatePerMinute, int? AutoOnPerSecond, int ReleasePercent, bool HasPresaleCode, DateTimeOffset OpensAt,
    bool Opened, long Waiting, long NotYetPlaced, long Admitted, long PassesIssued, long PassesUsed, long PassesAbandoned, DateTimeOffset AdmittedAsOf,
    int Members = 0);

/// <summary>
/// Joins the queue; <c>presaleCode</c> puts the buyer in the presale cohort (a wrong code is refused). <c>email</c>: an
/// address on the room's member list puts the buyer in the presale cohort too, and binds the pass to it — holds with the
/// pass must use that address, and so must the order (an address not on the list is refused).
/// </summary>
public sealed record JoinRoomRequest(string? PresaleCode, string? Email = null);

/// <summary>
/// Where a buyer stands. <c>state</c>: <c>before_opening</c> (position dealt at <c>opensAt</c>), <c>waiting</c>,
/// <c>awaiting_release</c> (beyond the share grey release admits for now), <c>paused</c>, <c>admitted</c> (claim the
/// pass), or <c>off</c> (the room is closed: no pass needed). <c>ticketToken</c> is set when the buyer's token
/// changed (its position was dealt): keep the new one.
/// </summary>
public sealed record RoomPositionResponse(string State, long? Position, int? EstimatedWaitSeconds, DateTimeOffset? OpensAt, string? TicketToken);

/// <summary>A pass: send it as <c>X-Waiting-Room-Pass</c> with the ticket token (<c>X-Waiting-Room-Ticket</c>) on holds until it expires.</summary>
public sealed record RoomPassResponse(string Pass, DateTimeOffset ExpiresAt);

/// <summary>A new queue ticket: the token is the buyer's place (and, in a browser, also set as an HttpOnly cookie).</summary>
public sealed record RoomTicketResponse(string TicketToken, RoomPositionResponse Position);

internal sealed class RoomRequestValidator : AbstractValidator<RoomRequest>
{
    public const int MaxRate = 100_000;

    public RoomRequestValidator()
    {
        RuleFor(r => r.RatePerMinute).InclusiveBetween(1, MaxRate)
            .WithMessage($"ratePerMinute must be between 1 and {MaxRate:N0} buyers per minute.");
        RuleFor(r => r.ReleasePercent).InclusiveBetween(1, 100).When(r => r.ReleasePercent is not null)
            .WithMessage("releasePercent must be between 1 and 100.");
        RuleFor(r => r.PresaleCode).MaximumLength(64).WithMessage("presaleCode must be at most 64 characters.");
        RuleFor(r => r.AutoOnPerSecond).InclusiveBetween(1, MaxRate).When(r => r.AutoOnPerSecond is not null)
            .WithMessage($"autoOnPerSecond must be between 1 and {MaxRate:N0} holds per second.");
    }
}

internal sealed class JoinRoomRequestValidator : AbstractValidator<JoinRoomRequest>
{
    public JoinRoomRequestValidator()
    {
        RuleFor(r => r.PresaleCode).MaximumLength(64).WithMessage("presaleCode must be at most 64 characters.");
        RuleFor(r => r.Email).MaximumLength(254).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.Email))
            .WithMessage("email must be an e-mail address.");
    }
}
