using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Persistence;
using Platform.Tickets;
using Platform.Tickets.Codes;
using Platform.Venues;

namespace Platform.CheckIn;

/// <summary>
/// Offline gates: the package they download, and the upload of their scans. Conflicts resolve by "first admission
/// recorded wins": scans of one batch are applied in order of (clamped) scan time, so inside a batch — and between
/// batches uploaded in order — the earliest scan wins; an admission already recorded is never taken back, so a later
/// upload of an earlier scan reports already_used with the recorded winner. Every scan is stored under (device, nonce):
/// uploading the same batch (or nonce) again returns the stored results and changes nothing.
/// </summary>
internal sealed class OfflineService(PlatformDbContext db, Platform.Tenancy.TenantContext tenant, ScanService scans, TicketKeyStore keys, TimeProvider clock)
{
    private const string Pending = "pending";

    public async Task<OfflinePackageResponse> PackageAsync(Guid eventId, bool allowReEntry, CancellationToken ct)
    {
        var tickets = await (from t in db.Set<Ticket>().AsNoTracking()
                             where t.EventId == eventId
                             join a in db.Set<TicketAdmission>() on t.Id equals a.TicketId into admissions
                             from a in admissions.DefaultIfEmpty()
                             // The seat rides along in the same query (left joins): a gate offline still names the seat.
                             join st in db.Set<Seat>() on t.SeatId equals st.Id into seats
                             from st in seats.DefaultIfEmpty()
                             join sec in db.Set<VenueSection>() on st.SectionId equals sec.Id into sections
                             from sec in sections.DefaultIfEmpty()
                             orderby t.Id
                             select new
                             {
                                 t.Id, t.TicketTypeId, t.CodeVersion, t.State, t.Audience, Admitted = a != null,
                                 SeatId = (Guid?)st.Id, Section = sec.Name, Row = st.RowLabel, Label = st.SeatLabel,
                             }).ToListAsync(ct);
        var published = await keys.PublicKeysAsync(null, ct);
        var (salt, legacy) = await LegacyCodesAsync(eventId, ct);
        return new OfflinePackageResponse(eventId, clock.GetUtcNow(), allowReEntry,
            [.. tickets.Where(t => t.State == TicketState.Valid).Select(t => new OfflineTicket(t.Id, t.TicketTypeId, t.CodeVersion, t.Admitted, t.Audience,
                t.SeatId is { } seat && t.Section is not null ? new TicketSeatResponse(seat, t.Section, t.Row, t.Label) : null))],
            [.. tickets.Where(t => t.State == TicketState.Revoked).Select(t => t.Id)],
            new TicketJsonWebKeySet([.. published.Select(TicketEndpoints.ToJwk)]), salt, legacy);
    }

    /// <summary>
    /// The event's scannable imported codes (ADR 0057), salted and hashed per package. Only codes that still verify
    /// online are listed: the ticket is valid and still on code version 1 (a transfer re-issues a signed code and
    /// makes the old one stale). An upload of an offline scan of an old code goes through the same scan as online.
    /// </summary>
    private async Task<(string Salt, List<OfflineLegacyCode> Codes)> LegacyCodesAsync(Guid eventId, CancellationToken ct)
    {
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var codes = await (from i in db.Set<Import.ImportedTicket>().AsNoTracking()
                           where i.EventId == eventId && i.Scannable
                           join t in db.Set<Ticket>() on i.TicketId equals t.Id
                           where t.State == TicketState.Valid && t.CodeVersion == 1
                           orderby t.Id
                           select new { i.LegacyCode, t.Id }).ToListAsync(ct);
        return (salt, [.. codes.Select(c => new OfflineLegacyCode(LegacyCodeHash(salt, c.LegacyCode), c.Id))]);
    }

    /// <summary>How a gate hashes an old code to look it up in the package: SHA-256 of salt + trimmed code, lower-case hex.</summary>
    public static string LegacyCodeHash(string salt, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + code.Trim())));

    public async Task<ScanBatchResponse> UploadAsync(ScanBatchRequest request, Scanner scanner, CancellationToken ct)
    {
        var batchId = request.DeviceBatchId!;
        var eventId = request.EventId!.Value;
        var nonces = request.Scans!.Select(s => s.Nonce!).ToList();
        var stored = await db.Set<OfflineScan>().AsNoTracking()
            .Where(s => s.DeviceKey == scanner.DeviceKey && nonces.Contains(s.Nonce) && s.Result != Pending).ToDictionaryAsync(s => s.Nonce, ct);
        var results = new Dictionary<string, OfflineScanResponse>(StringComparer.Ordinal);
        foreach (var (nonce, row) in stored)
        {
            results[nonce] = new OfflineScanResponse(nonce, ToResponse(row), Replayed: true);
        }

        var now = clock.GetUtcNow();
        // Earliest (trusted) scan time first, so the earliest scan of a ticket in the batch is the one admitted.
        var fresh = request.Scans!.Where(s => !results.ContainsKey(s.Nonce!))
            .Select((s, i) => (Scan: s, Index: i, At: ScanService.Clamp(s.ScannedAt, now).At)).OrderBy(x => x.At).ThenBy(x => x.Index);
        foreach (var (scan, _, _) in fresh)
        {
            results[scan.Nonce!] = await UploadOneAsync(eventId, batchId, scan, scanner, ct);
        }

        return new ScanBatchResponse(batchId, [.. request.Scans!.Select(s => results[s.Nonce!])]);
    }

    private async Task<OfflineScanResponse> UploadOneAsync(Guid eventId, string batchId, OfflineScanRequest scan, Scanner scanner, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claim the nonce first: a concurrent upload of the same nonce waits here and then finds it taken.
        var claimed = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO check_in_offline_scans (tenant_id, id, device_key, nonce, batch_id, result, scanned_at, clock_skewed, recorded_at)
            VALUES ({tenant.RequiredTenantId}, {Guid.CreateVersion7()}, {scanner.DeviceKey}, {scan.Nonce}, {batchId}, {Pending}, {clock.GetUtcNow()}, false, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id, device_key, nonce) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            var row = await db.Set<OfflineScan>().AsNoTracking().SingleAsync(s => s.DeviceKey == scanner.DeviceKey && s.Nonce == scan.Nonce, ct);
            return new OfflineScanResponse(scan.Nonce!, ToResponse(row), Replayed: true);
        }

        var result = await scans.ScanAsync(new ScanService.Input(eventId, scan.Code, scan.Gate!, scan.ScannedAt, "offline"), scanner,
            (NpgsqlTransaction)transaction.GetDbTransaction(), ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE check_in_offline_scans
            SET result = {SnakeCaseEnumConverter<ScanResult>.ToText(result.Result)}, reason = {result.Reason}, ticket_id = {result.TicketId},
                scanned_at = {result.ScannedAt}, clock_skewed = {result.ClockSkewed}, first_scanned_at = {result.FirstScannedAt}, first_gate = {result.FirstGate}
            WHERE tenant_id = {tenant.RequiredTenantId} AND id = {claimed[0]}
            """, ct);
        await transaction.CommitAsync(ct);
        return new OfflineScanResponse(scan.Nonce!, result, Replayed: false);
    }

    private static ScanResponse ToResponse(OfflineScan row) =>
        new(SnakeCaseEnumConverter<ScanResult>.FromText(row.Result), row.Reason, row.TicketId, null, row.ScannedAt, row.ClockSkewed, row.FirstScannedAt,
            row.FirstGate);
}
