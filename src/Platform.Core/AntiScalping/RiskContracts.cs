using FluentValidation;

namespace Platform.AntiScalping;

/// <summary>
/// A tenant's anti-scalping policy. <c>action</c>: what happens to a public order scored at or above <c>threshold</c>
/// (0–1): <c>off</c> (no scoring), <c>flag</c> (listed for staff, nothing else changes), <c>review</c> (its tickets wait
/// until staff approve; rejecting cancels or refunds it) or <c>block</c> (the order is refused with 403
/// <c>order_blocked</c>). <c>blockDisposableEmail</c>: refuse orders from disposable e-mail domains whatever the score
/// (unless the action is off). <c>challengeThreshold</c> (optional, below <c>threshold</c>, with review or block only):
/// an order scored from it up to the threshold is answered 403 <c>challenge_required</c> and placed only with the
/// 6-digit code e-mailed to the buyer; absent or null, there is no challenge level.
/// </summary>
public sealed record RiskSettingsRequest(string? Action, float? Threshold, bool? BlockDisposableEmail, float? ChallengeThreshold = null);

public sealed record RiskSettingsResponse(string Action, float Threshold, bool BlockDisposableEmail, DateTimeOffset? UpdatedAt, float? ChallengeThreshold = null);

/// <summary>A staff verdict; <c>note</c> is kept with it (and is the refund reason when rejecting a paid order).</summary>
public sealed record ReviewVerdictRequest(string? Note);

/// <summary>
/// One scored order in the review queue. <c>review</c>: <c>pending</c> (tickets held back), <c>approved</c>,
/// <c>rejected</c>, or <c>none</c> (flagged, or challenged and passed). <c>reasons</c> name the signals behind the score;
/// <c>features</c> are the numbers the model read. <c>challengePassedAt</c>: when the buyer entered the e-mailed code
/// (decision <c>challenge</c>).
/// </summary>
public sealed record OrderReviewResponse(Guid OrderId, Guid EventId, DateTimeOffset CreatedAt, float Score, string Decision, IReadOnlyList<string> Reasons,
    RiskFeatures Features, string Review, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote, Orders.OrderState OrderState,
    string Currency, long Total, string BuyerEmail, DateTimeOffset? ChallengePassedAt = null);

internal sealed class RiskSettingsRequestValidator : AbstractValidator<RiskSettingsRequest>
{
    public static readonly string[] Actions = ["off", RiskDecisions.Flag, RiskDecisions.Review, RiskDecisions.Block];

    public RiskSettingsRequestValidator()
    {
        RuleFor(r => r.Action).NotEmpty().WithMessage("action is required (off, flag, review or block).")
            .Must(a => a is null || Actions.Contains(a)).WithMessage("action must be off, flag, review or block.");
        RuleFor(r => r.Threshold).NotNull().WithMessage("threshold is required (0 to 1).")
            .InclusiveBetween(0f, 1f).WithMessage("threshold must be between 0 and 1.");
        RuleFor(r => r.ChallengeThreshold).InclusiveBetween(0f, 1f).WithMessage("challengeThreshold must be between 0 and 1.");
        RuleFor(r => r.ChallengeThreshold).LessThan(r => r.Threshold).WithMessage("challengeThreshold must be below threshold.")
            .When(r => r.ChallengeThreshold is not null && r.Threshold is not null);
        RuleFor(r => r.ChallengeThreshold).Null().WithMessage("A challenge level needs the action review or block above it.")
            .When(r => r.Action is not (RiskDecisions.Review or RiskDecisions.Block));
    }
}

internal sealed class ReviewVerdictRequestValidator : AbstractValidator<ReviewVerdictRequest>
{
    public ReviewVerdictRequestValidator() => RuleFor(r => r.Note).MaximumLength(500).WithMessage("note must be at most 500 characters.");
}
