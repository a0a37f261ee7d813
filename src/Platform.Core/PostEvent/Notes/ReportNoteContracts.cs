using FluentValidation;

namespace Platform.PostEvent.Notes;

public sealed record AddReportNoteRequest(string? Text);

public sealed record ReportNoteResponse(Guid Id, Guid EventId, string Text, string Author, DateTimeOffset CreatedAt);

public sealed record ReportNoteListResponse(IReadOnlyList<ReportNoteResponse> Items);

internal static class ReportNoteRules
{
    public const int MaxLength = 2000;
}

internal sealed class AddReportNoteRequestValidator : AbstractValidator<AddReportNoteRequest>
{
    public AddReportNoteRequestValidator()
    {
        RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("text is required: what happened during the sale.")
            .MaximumLength(ReportNoteRules.MaxLength).WithMessage($"text is at most {ReportNoteRules.MaxLength} characters.");
    }
}
