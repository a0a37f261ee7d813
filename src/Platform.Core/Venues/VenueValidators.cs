using FluentValidation;
using Platform.Tenancy.Administration;

namespace Platform.Venues;

internal sealed class CreateVenueRequestValidator : AbstractValidator<CreateVenueRequest>
{
    public CreateVenueRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(200);
        RuleFor(r => r.Address).MaximumLength(500);
    }
}

internal sealed class PriceZoneRequestValidator : AbstractValidator<PriceZoneRequest>
{
    public PriceZoneRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().WithMessage("code is required.").MaximumLength(40);
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(100);
        RuleFor(r => r.Color).Matches(TenantRules.ColorPattern()).When(r => r.Color is not null)
            .WithMessage("color must be a hex colour such as #1A2B3C.");
    }
}

internal sealed class AssignPriceZoneRequestValidator : AbstractValidator<AssignPriceZoneRequest>
{
    public AssignPriceZoneRequestValidator()
    {
        RuleFor(r => r.PriceZone).NotEmpty().WithMessage("priceZone is required.");
    }
}

internal sealed class SectionRequestValidator : AbstractValidator<SectionRequest>
{
    public SectionRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().WithMessage("code is required.").MaximumLength(40);
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(100);
        RuleFor(r => r.Kind).NotNull().WithMessage("kind is required (general_admission or seated).");
        RuleFor(r => r.Outline).Must(o => o!.Count >= 3).When(r => r.Outline is { Count: > 0 })
            .WithMessage("outline must have at least 3 points.");

        When(r => r.Kind == SectionKind.GeneralAdmission, () =>
        {
            RuleFor(r => r.Capacity).NotNull().WithMessage("capacity is required for a general-admission area.")
                .InclusiveBetween(1, 1_000_000);
            RuleFor(r => r.Grid).Null().WithMessage("grid is only for seated sections.");
            RuleFor(r => r.Seats).Null().WithMessage("seats are only for seated sections.");
        });

        When(r => r.Kind == SectionKind.Seated, () =>
        {
            RuleFor(r => r.Capacity).Null().WithMessage("capacity of a seated section is its seat count; omit it.");
            RuleFor(r => r).Must(r => (r.Grid is null) != (r.Seats is null))
                .WithName("grid").OverridePropertyName("grid").WithMessage("a seated section needs either grid or seats, not both.");
            RuleFor(r => r.Grid!).SetValidator(new SeatGridRequestValidator()).When(r => r.Grid is not null);
            RuleFor(r => r.Seats).Must(s => s!.Count is > 0 and <= SeatLayout.MaxSeatsPerSection).When(r => r.Seats is not null)
                .WithMessage($"seats must list 1 to {SeatLayout.MaxSeatsPerSection} seats.");
            RuleForEach(r => r.Seats).SetValidator(new SeatRequestValidator());
            RuleFor(r => r.Seats).Custom((seats, context) =>
            {
                foreach (var (index, row, seat) in SeatLayout.Duplicates((seats ?? []).Select(s => (s.Row, s.Seat))))
                {
                    context.AddFailure($"seats[{index}]", $"seat label row {row} seat {seat} is used twice in the section.");
                }
            });
        });
    }
}

internal sealed class SeatRequestValidator : AbstractValidator<SeatRequest>
{
    public SeatRequestValidator()
    {
        RuleFor(s => s.Row).NotEmpty().WithMessage("row is required.").MaximumLength(10);
        RuleFor(s => s.Seat).NotEmpty().WithMessage("seat is required.").MaximumLength(10);
        RuleFor(s => s.X).NotNull().WithMessage("x is required.");
        RuleFor(s => s.Y).NotNull().WithMessage("y is required.");
    }
}

internal sealed class SeatGridRequestValidator : AbstractValidator<SeatGridRequest>
{
    public SeatGridRequestValidator()
    {
        RuleFor(g => g.Rows).NotNull().WithMessage("rows is required.").InclusiveBetween(1, 500);
        RuleFor(g => g.SeatsPerRow).NotNull().WithMessage("seatsPerRow is required.").InclusiveBetween(1, 1000);
        RuleFor(g => g).Must(g => (g.Rows ?? 0) * (g.SeatsPerRow ?? 0) <= SeatLayout.MaxSeatsPerSection)
            .OverridePropertyName("seatsPerRow").WithMessage($"a section holds at most {SeatLayout.MaxSeatsPerSection} seats.");
        RuleFor(g => g.FirstSeatNumber).InclusiveBetween(0, 10_000).When(g => g.FirstSeatNumber is not null);
        RuleFor(g => g.SeatSpacing).GreaterThan(0).When(g => g.SeatSpacing is not null);
        RuleFor(g => g.RowSpacing).GreaterThan(0).When(g => g.RowSpacing is not null);
        RuleFor(g => g.CurvatureDegrees).InclusiveBetween(0, 300).When(g => g.CurvatureDegrees is not null)
            .WithMessage("curvatureDegrees must be between 0 (straight rows) and 300.");
        RuleFor(g => g.RowLabelScheme).IsInEnum();
        RuleFor(g => g.Numbering).IsInEnum();
        RuleFor(g => g.RowLabels).Must((g, labels) => labels!.Count == g.Rows).When(g => g.RowLabels is not null)
            .WithMessage("rowLabels must have one label per row.");
        RuleForEach(g => g.RowLabels).NotEmpty().MaximumLength(10);
        RuleFor(g => g.RowLabels).Custom((labels, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (labels?.Count ?? 0); i++)
            {
                if (!seen.Add(labels![i]))
                {
                    context.AddFailure($"rowLabels[{i}]", $"row label {labels[i]} is used twice in the section.");
                }
            }
        });
        RuleFor(g => g).Custom((g, context) =>
        {
            var rows = SeatLayout.RowLabels(g).ToHashSet(StringComparer.Ordinal);
            var first = g.FirstSeatNumber ?? 1;
            var last = first + (g.SeatsPerRow ?? 0) - 1;
            Check("gaps", g.Gaps);
            Check("accessible", g.Accessible);
            Check("restrictedView", g.RestrictedView);
            for (var i = 0; i < (g.RowPriceZones?.Count ?? 0); i++)
            {
                var rz = g.RowPriceZones![i];
                if (rz.Row is null || !rows.Contains(rz.Row) || string.IsNullOrEmpty(rz.PriceZone))
                {
                    context.AddFailure($"rowPriceZones[{i}]", "rowPriceZones entries need a row of the grid and a priceZone.");
                }
            }

            void Check(string field, IReadOnlyList<SeatRef>? refs)
            {
                for (var i = 0; i < (refs?.Count ?? 0); i++)
                {
                    var r = refs![i];
                    var inGrid = r.Row is not null && rows.Contains(r.Row) && int.TryParse(r.Seat, out var n) && n >= first && n <= last;
                    if (!inGrid)
                    {
                        context.AddFailure($"{field}[{i}]", $"row {r.Row} seat {r.Seat} is not a position of the grid.");
                    }
                }
            }
        });
    }
}

internal sealed class UpdateSeatsRequestValidator : AbstractValidator<UpdateSeatsRequest>
{
    public UpdateSeatsRequestValidator()
    {
        RuleFor(r => r.SeatIds).NotEmpty().WithMessage("seatIds must list at least one seat.")
            .Must(ids => ids!.Count <= SeatLayout.MaxSeatsPerSection).When(r => r.SeatIds is not null)
            .WithMessage($"seatIds may list at most {SeatLayout.MaxSeatsPerSection} seats.");
        RuleFor(r => r).Must(r => r.PriceZone is not null || r.Accessible is not null || r.RestrictedView is not null || r.Blocked is not null)
            .OverridePropertyName("priceZone").WithMessage("give at least one of priceZone, accessible, restrictedView, blocked.");
        RuleFor(r => r.PriceZone).NotEmpty().When(r => r.PriceZone is not null).WithMessage("priceZone must be a zone code of the venue.");
    }
}

internal sealed class VenueDocumentValidator : AbstractValidator<VenueDocument>
{
    public VenueDocumentValidator()
    {
        RuleFor(d => d.Name).NotEmpty().WithMessage("name is required.").MaximumLength(200);
        RuleFor(d => d.Address).MaximumLength(500);
        RuleForEach(d => d.PriceZones).SetValidator(new PriceZoneRequestValidator());
        RuleForEach(d => d.Sections).SetValidator(new SectionRequestValidator());
        RuleFor(d => d).Custom((d, context) =>
        {
            var zones = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (d.PriceZones?.Count ?? 0); i++)
            {
                if (d.PriceZones![i].Code is { } code && !zones.Add(code))
                {
                    context.AddFailure($"priceZones[{i}].code", $"price zone code {code} is used twice.");
                }
            }

            var sections = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (d.Sections?.Count ?? 0); i++)
            {
                var section = d.Sections![i];
                if (section.Code is { } code && !sections.Add(code))
                {
                    context.AddFailure($"sections[{i}].code", $"section code {code} is used twice.");
                }

                foreach (var zone in ZonesUsed(section).Where(z => !zones.Contains(z)))
                {
                    context.AddFailure($"sections[{i}].priceZone", $"price zone {zone} is not one of the document's priceZones.");
                }
            }
        });
    }

    internal static IEnumerable<string> ZonesUsed(SectionRequest s) =>
        new[] { s.PriceZone }
            .Concat(s.Seats?.Select(x => x.PriceZone) ?? [])
            .Concat(s.Grid?.RowPriceZones?.Select(x => x.PriceZone) ?? [])
            .OfType<string>().Distinct(StringComparer.Ordinal);
}
