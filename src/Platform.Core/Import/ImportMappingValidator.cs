using FluentValidation;

namespace Platform.Import;

/// <summary>
/// The mapping's shape before the store looks at its contents: both maps must be present (they may be empty), else
/// the store would dereference null and answer 500 (found by the OpenAPI fuzz test, seed 20261205).
/// </summary>
internal sealed class ImportMappingRequestValidator : AbstractValidator<ImportMappingRequest>
{
    public ImportMappingRequestValidator()
    {
        RuleFor(m => m.Columns).NotNull().WithMessage("columns is required: an object of field → column header (may be empty).");
        RuleFor(m => m.TicketTypes).NotNull().WithMessage("ticketTypes is required: an object of old ticket-type name → ticket type id (may be empty).");
    }
}
