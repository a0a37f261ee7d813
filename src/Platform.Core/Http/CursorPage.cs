using System.Buffers.Text;
using Microsoft.AspNetCore.Http;

namespace Platform.Http;

/// <summary>One page of a list: the items and the opaque cursor of the next page (null on the last page).</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Data, string? NextCursor);

/// <summary>
/// Keyset pagination over time-ordered (version 7) ids: the cursor is the last id seen, so pages stay stable while
/// rows are added and cost the same at any depth.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(Guid lastId) => Base64Url.EncodeToString(lastId.ToByteArray(bigEndian: true));

    public static bool TryDecode(string? cursor, out Guid? lastId)
    {
        lastId = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (Base64Url.IsValid(cursor) && Base64Url.GetMaxDecodedLength(cursor.Length) <= 16 &&
            Base64Url.TryDecodeFromChars(cursor, bytes, out var written) && written == 16)
        {
            lastId = new Guid(bytes, bigEndian: true);
            return true;
        }

        return false;
    }

    /// <summary>Validates limit and cursor query values, returning per-field errors for a 400 problem.</summary>
    public static Dictionary<string, string[]> Validate(int? limit, string? cursor, out int take, out Guid? after)
    {
        var errors = new Dictionary<string, string[]>();
        take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (!TryDecode(cursor, out after))
        {
            errors["cursor"] = ["cursor is not a cursor this API returned."];
        }

        return errors;
    }

    /// <summary>Builds a page from up to limit + 1 rows fetched in id order.</summary>
    public static CursorPage<TOut> Page<TIn, TOut>(IReadOnlyList<TIn> rows, int limit, Func<TIn, Guid> id, Func<TIn, TOut> map)
    {
        var hasMore = rows.Count > limit;
        var items = rows.Take(limit).Select(map).ToList();
        return new CursorPage<TOut>(items, hasMore ? Encode(id(rows[limit - 1])) : null);
    }

    public static IResult? InvalidQuery(Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? null : ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
}
