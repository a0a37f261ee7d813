using Microsoft.EntityFrameworkCore;
using Platform.Identity.Users;
using Platform.Persistence;

namespace Platform.PostEvent.Notes;

/// <summary>Operator notes per event: added by owners and admins, read with the report. Authors are shown by e-mail.</summary>
internal sealed class ReportNotes(PlatformDbContext db, TimeProvider clock)
{
    public async Task<ReportNoteResponse> AddAsync(Guid eventId, string text, string author, CancellationToken ct)
    {
        var note = new ReportNote { EventId = eventId, Text = text.Trim(), Author = author, CreatedAt = clock.GetUtcNow() };
        db.Add(note);
        await db.SaveChangesAsync(ct);
        return (await ToResponsesAsync([note], ct)).Single();
    }

    public async Task<List<ReportNoteResponse>> ListAsync(Guid eventId, CancellationToken ct) =>
        await ToResponsesAsync(await db.Set<ReportNote>().AsNoTracking().Where(n => n.EventId == eventId).OrderBy(n => n.CreatedAt).Take(500).ToListAsync(ct), ct);

    /// <summary>"user:{id}" becomes the person's e-mail; an API client keeps its key.</summary>
    private async Task<List<ReportNoteResponse>> ToResponsesAsync(List<ReportNote> list, CancellationToken ct)
    {
        var ids = list.Select(n => n.Author.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(n.Author[5..], out var id) ? id : (Guid?)null)
            .OfType<Guid>().Distinct().ToList();
        var emails = await db.Set<PlatformUser>().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => "user:" + u.Id, u => u.Email ?? u.Id.ToString(), ct);
        return [.. list.Select(n => new ReportNoteResponse(n.Id, n.EventId, n.Text, emails.GetValueOrDefault(n.Author, n.Author), n.CreatedAt))];
    }
}
