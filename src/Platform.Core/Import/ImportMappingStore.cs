using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Import;

/// <summary>A tenant's mapping as used while planning: our field → source header (default: the field's own name).</summary>
public sealed record ImportMappingView(IReadOnlyDictionary<string, string> Columns, IReadOnlyDictionary<string, Guid> TicketTypes, bool KeepLegacyCodes)
{
    public string Column(string field) => Columns.TryGetValue(field, out var header) ? header : field;

    public Guid? TicketType(string oldName) =>
        TicketTypes.FirstOrDefault(t => string.Equals(t.Key.Trim(), oldName, StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit ? hit.Value : null;
}

/// <summary>Reads and saves the per-tenant field mapping (PUT replaces it whole).</summary>
internal sealed class ImportMappingStore(PlatformDbContext db, TenantContext tenant, TimeProvider clock)
{
    public async Task<ImportMappingView> GetAsync(CancellationToken ct)
    {
        var row = await db.Set<ImportMapping>().AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null
            ? new ImportMappingView(new Dictionary<string, string>(), new Dictionary<string, Guid>(), true)
            : new ImportMappingView(JsonSerializer.Deserialize<Dictionary<string, string>>(row.ColumnsJson)!,
                JsonSerializer.Deserialize<Dictionary<string, Guid>>(row.TicketTypesJson)!, row.KeepLegacyCodes);
    }

    public async Task<ImportMappingView> PutAsync(ImportMappingRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, header) in request.Columns)
        {
            if (!ImportFields.All.Contains(field))
            {
                errors[$"columns.{field}"] = [$"'{field}' is not an import field; fields are {string.Join(", ", ImportFields.All)}."];
            }
            else if (string.IsNullOrWhiteSpace(header) || header.Length > 100)
            {
                errors[$"columns.{field}"] = ["A column header must be 1 to 100 characters."];
            }
        }

        var ids = request.TicketTypes.Values.Distinct().ToList();
        var known = await db.Set<TicketType>().Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        foreach (var (name, id) in request.TicketTypes)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            {
                errors["ticketTypes"] = ["An old ticket-type name must be 1 to 100 characters."];
            }
            else if (!known.Contains(id))
            {
                errors[$"ticketTypes.{name}"] = [$"No ticket type {id} in this tenant."];
            }
        }

        if (errors.Count > 0)
        {
            throw new UnprocessableException("validation_failed", "The mapping names unknown fields or ticket types.", errors);
        }

        var row = await db.Set<ImportMapping>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new ImportMapping { TenantId = tenant.RequiredTenantId, ColumnsJson = "{}", TicketTypesJson = "{}" };
            db.Add(row);
        }

        row.ColumnsJson = JsonSerializer.Serialize(request.Columns.ToDictionary(c => c.Key, c => c.Value.Trim()));
        row.TicketTypesJson = JsonSerializer.Serialize(request.TicketTypes.ToDictionary(t => t.Key.Trim(), t => t.Value));
        row.KeepLegacyCodes = request.KeepLegacyCodes;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }
}
