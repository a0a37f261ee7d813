using FluentValidation;

namespace Platform.WaitingRoom.Members;

/// <summary>
/// A member list to replace the room's: <c>list</c> is the uploaded file's text, plain (one address a line) or CSV (any
/// column holding an address; a header row is skipped). At most 100,000 distinct addresses. Only salted hashes are stored.
/// </summary>
public sealed record MemberListRequest(string List);

/// <summary>
/// The room's member list: <c>members</c> distinct addresses stored (as hashes). After an upload, <c>rejected</c> counts
/// non-empty lines with no address in them and <c>rejectedLines</c> names the first 20 (1-based).
/// </summary>
public sealed record MemberListResponse(int Members, int Rejected, IReadOnlyList<int> RejectedLines, DateTimeOffset? UpdatedAt);

internal sealed class MemberListRequestValidator : AbstractValidator<MemberListRequest>
{
    /// <summary>100,000 addresses of up to ~80 characters with a few columns around them.</summary>
    public const int MaxChars = 16_000_000;

    public MemberListRequestValidator() => RuleFor(r => r.List).NotEmpty().WithMessage("list must hold the member list's text.")
        .MaximumLength(MaxChars).WithMessage($"list must be at most {MaxChars:N0} characters.");
}
