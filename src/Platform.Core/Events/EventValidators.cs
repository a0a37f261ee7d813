using FluentValidation;
using Platform.Money;
using Platform.Tenancy.Administration;

namespace Platform.Events;

internal sealed class OccurrenceRequestValidator : AbstractValidator<OccurrenceRequest>
{
    public OccurrenceRequestValidator()
    {
        RuleFor(o => o.StartsAt).NotNull().WithMessage("startsAt is required.");
        RuleFor(o => o.EndsAt).NotNull().WithMessage("endsAt is required.")
            .GreaterThan(o => o.StartsAt).When(o => o.StartsAt is not null).WithMessage("endsAt must be after startsAt.");
        RuleFor(o => o.DoorsAt).LessThanOrEqualTo(o => o.StartsAt).When(o => o.DoorsAt is not null && o.StartsAt is not null)
            .WithMessage("doorsAt must not be after startsAt.");
        RuleFor(o => o.TimeZone).TimeZone().When(o => o.TimeZone is not null);
    }
}

internal sealed class SalesWindowRequestValidator : AbstractValidator<SalesWindowRequest>
{
    public SalesWindowRequestValidator()
    {
        RuleFor(w => w.Channel).NotNull().WithMessage("channel is required.");
        RuleFor(w => w.OpensAt).NotNull().WithMessage("opensAt is required.");
        RuleFor(w => w.ClosesAt).NotNull().WithMessage("closesAt is required.")
            .GreaterThan(w => w.OpensAt).When(w => w.OpensAt is not null).WithMessage("closesAt must be after opensAt.");
    }
}

internal static class WindowRules
{
    public static void NoOverlaps<T>(this IRuleBuilderInitial<T, IReadOnlyList<SalesWindowRequest>?> rule) =>
        rule.Custom((windows, context) =>
        {
            var valid = (windows ?? []).Where(w => w.Channel is not null && w.OpensAt is not null && w.ClosesAt is not null && w.OpensAt < w.ClosesAt)
                .ToList();
            if (valid.Count != (windows?.Count ?? 0))
            {
                return;
            }

            foreach (var (index, other) in EventRules.Overlaps([.. valid.Select(w => (w.Channel!.Value, w.OpensAt!.Value, w.ClosesAt!.Value))]))
            {
                context.AddFailure($"salesWindows[{index}]", $"the window overlaps salesWindows[{other}] of the same channel.");
            }
        });
}

internal sealed class CreateEventRequestValidator : AbstractValidator<CreateEventRequest>
{
    public CreateEventRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().WithMessage("title is required.").MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(4000);
        RuleFor(r => r.Category).NotEmpty().WithMessage("category is required.").MaximumLength(50);
        RuleFor(r => r.TimeZone).TimeZone();
        RuleFor(r => r.Occurrences).NotEmpty().WithMessage("occurrences needs at least one occurrence.")
            .Must(o => o!.Count <= 500).When(r => r.Occurrences is not null).WithMessage("at most 500 occurrences.");
        RuleForEach(r => r.Occurrences).SetValidator(new OccurrenceRequestValidator());
        RuleForEach(r => r.SalesWindows).SetValidator(new SalesWindowRequestValidator());
        RuleFor(r => r.SalesWindows).NoOverlaps();
        RuleFor(r => r.MaxTicketsPerBuyer).InclusiveBetween(1, 1000);
    }
}

internal sealed class UpdateEventRequestValidator : AbstractValidator<UpdateEventRequest>
{
    public UpdateEventRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).When(r => r.Title is not null);
        RuleFor(r => r.Description).MaximumLength(4000);
        RuleFor(r => r.Category).NotEmpty().MaximumLength(50).When(r => r.Category is not null);
        RuleFor(r => r.TimeZone).TimeZone().When(r => r.TimeZone is not null);
        RuleFor(r => r.MaxTicketsPerBuyer).InclusiveBetween(1, 1000);
    }
}

internal sealed class ReplaceSalesWindowsRequestValidator : AbstractValidator<ReplaceSalesWindowsRequest>
{
    public ReplaceSalesWindowsRequestValidator()
    {
        RuleFor(r => r.SalesWindows).NotNull().WithMessage("salesWindows is required (send [] to remove all).");
        RuleForEach(r => r.SalesWindows).SetValidator(new SalesWindowRequestValidator());
        RuleFor(r => r.SalesWindows).NoOverlaps();
    }
}

internal sealed class QuotaRequestValidator : AbstractValidator<QuotaRequest>
{
    public QuotaRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(100);
        RuleFor(r => r.Capacity).NotNull().WithMessage("capacity is required.").InclusiveBetween(0, 1_000_000);
    }
}

internal sealed class UpdateQuotaRequestValidator : AbstractValidator<UpdateQuotaRequest>
{
    public UpdateQuotaRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).When(r => r.Name is not null);
        RuleFor(r => r.Capacity).InclusiveBetween(0, 1_000_000).When(r => r.Capacity is not null);
    }
}

internal sealed class TicketTypeRequestValidator : AbstractValidator<TicketTypeRequest>
{
    public TicketTypeRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(100);
        RuleFor(r => r.Kind).NotNull().WithMessage("kind is required (general_admission or seated).");
        RuleFor(r => r.Price!).NotNull().WithMessage("price is required: { \"amount\": minor units, \"currency\": \"EUR\" }.").SetValidator(new MoneyRequestValidator());
        RuleFor(r => r.QuotaId).NotNull().When(r => r.Kind == TicketKind.GeneralAdmission)
            .WithMessage("quotaId is required for general admission: the quota is its capacity.");
        RuleFor(r => r.PriceZoneId).NotNull().When(r => r.Kind == TicketKind.Seated).WithMessage("priceZoneId is required for seated tickets.");
        RuleFor(r => r.PriceZoneId).Null().When(r => r.Kind == TicketKind.GeneralAdmission).WithMessage("priceZoneId is only for seated tickets.");
        RuleFor(r => r.MinPerOrder).InclusiveBetween(1, 100).When(r => r.MinPerOrder is not null);
        RuleFor(r => r.MaxPerOrder).InclusiveBetween(1, 100).When(r => r.MaxPerOrder is not null)
            .GreaterThanOrEqualTo(r => r.MinPerOrder ?? 1).WithMessage("maxPerOrder must be at least minPerOrder.");
        RuleFor(r => r.Channels).Must(c => c!.Count > 0 && c.Distinct().Count() == c.Count).When(r => r.Channels is not null)
            .WithMessage("channels must list distinct channels, at least one.");
    }
}

internal sealed class UpdateTicketTypeRequestValidator : AbstractValidator<UpdateTicketTypeRequest>
{
    public UpdateTicketTypeRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).When(r => r.Name is not null);
        RuleFor(r => r.Price!).SetValidator(new MoneyRequestValidator());
        RuleFor(r => r.MinPerOrder).InclusiveBetween(1, 100).When(r => r.MinPerOrder is not null);
        RuleFor(r => r.MaxPerOrder).InclusiveBetween(1, 100).When(r => r.MaxPerOrder is not null);
        // An empty list takes the ticket type off sale on every channel: what a promoter does with a type that has
        // sales (and so cannot be removed).
        RuleFor(r => r.Channels).Must(c => c is null || c.Distinct().Count() == c.Count)
            .WithMessage("channels must list distinct channels (an empty list takes the ticket type off sale).");
    }
}

internal sealed class SeatBlockRequestValidator : AbstractValidator<SeatBlockRequest>
{
    public SeatBlockRequestValidator()
    {
        RuleFor(r => r.SeatIds).NotEmpty().WithMessage("seatIds needs at least one seat.")
            .Must(ids => ids!.Count <= 1000).When(r => r.SeatIds is not null).WithMessage("at most 1000 seats per request.");
        RuleFor(r => r.Blocked).NotNull().WithMessage("blocked is required (true to block, false to release).");
    }
}
