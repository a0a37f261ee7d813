using System.Runtime.CompilerServices;

namespace Ticketing.Platform.Sdk;

/// <summary>Walks a cursor-paged list (<c>?limit=&amp;cursor=</c>, answers with <c>data</c> and <c>nextCursor</c>) to its end.</summary>
public static class Paging
{
    /// <summary>
    /// Every item of a list, page after page: <c>await foreach (var e in Paging.AllAsync(c => api.ListEventsAsync(null, 200, c), p => p.Data, p => p.NextCursor))</c>.
    /// </summary>
    /// <param name="page">Fetches the page after a cursor (null: the first).</param>
    /// <param name="items">The items of a page.</param>
    /// <param name="next">The cursor of the next page; null on the last.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    public static async IAsyncEnumerable<TItem> AllAsync<TPage, TItem>(Func<string?, Task<TPage>> page, Func<TPage, IEnumerable<TItem>> items,
        Func<TPage, string?> next, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        string? cursor = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await page(cursor).ConfigureAwait(false);
            foreach (var item in items(current))
            {
                yield return item;
            }

            cursor = next(current);
        }
        while (cursor is not null);
    }
}
