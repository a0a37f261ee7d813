using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets;

namespace Platform.CheckIn;

/// <summary>Gate check-in: scans, offline packages and batch uploads, live counts and lists, re-entry settings, device enrolment.</summary>
public static class CheckInEndpoints
{
    public static IEndpointRouteBuilder MapCheckIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/check-in").WithTags("Check-in").WithStandardProblems();
        MapScanning(group);
        MapEventViews(group);
        MapDevices(group);
        return app;
    }

    private static void MapScanning(RouteGroupBuilder group)
    {
        group.MapPost("/scans", async Task<Results<Ok<ScanResponse>, ProblemHttpResult>> (ScanRequest request, ScanService scans, ClaimsPrincipal user,
                CancellationToken ct) =>
            {
                var scanner = Scanner.From(user);
                if (!scanner.MayScan(request.EventId!.Value))
                {
                    return DeviceNotEnrolled();
                }

                return TypedResults.Ok(await scans.ScanAsync(new ScanService.Input(request.EventId!.Value, request.Code, request.Gate!, request.ScannedAt, "online"),
                    scanner, ct));
            })
            .WithValidation<ScanRequest>().RequireAuthorization(Policies.TicketsCheckIn).WithName("ScanTicket")
            .WithSummary("Checks a scanned QR code at a gate: admitted, already_used (with the first scan), revoked, wrong_event, invalid or exited (re-entry).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/batches", async Task<Results<Ok<ScanBatchResponse>, ProblemHttpResult>> (ScanBatchRequest request, OfflineService offline,
                PlatformDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var scanner = Scanner.From(user);
                if (!scanner.MayScan(request.EventId!.Value))
                {
                    return DeviceNotEnrolled();
                }

                if (!await db.Set<Event>().AnyAsync(e => e.Id == request.EventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                return TypedResults.Ok(await offline.UploadAsync(request, scanner, ct));
            })
            .WithValidation<ScanBatchRequest>().RequireAuthorization(Policies.TicketsCheckIn).WithName("UploadScanBatch")
            .WithSummary("Uploads offline scans (each with a nonce); applied earliest first, idempotent per device and nonce.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static void MapEventViews(RouteGroupBuilder group)
    {
        var events = group.MapGroup("/events/{eventId:guid}").ProducesProblem(StatusCodes.Status404NotFound);
        events.MapGet("/offline-package", async Task<Results<Ok<OfflinePackageResponse>, ProblemHttpResult>> (Guid eventId, PlatformDbContext db,
                OfflineService offline, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (!Scanner.From(user).MayScan(eventId))
                {
                    return DeviceNotEnrolled();
                }

                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                return TypedResults.Ok(await offline.PackageAsync(eventId, await ReEntryAsync(db, eventId, ct), ct));
            })
            .RequireAuthorization(Policies.TicketsCheckIn).WithName("GetOfflinePackage")
            .WithSummary("The event's valid tickets (id, type, code version), revoked ticket ids, the tenant's public keys and the server time, for offline gates.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        events.MapGet("/counts", async Task<Results<Ok<CheckInCountsResponse>, ProblemHttpResult>> (Guid eventId, PlatformDbContext db, CancellationToken ct) =>
            {
                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var rows = await (from t in db.Set<Ticket>().AsNoTracking()
                                  where t.EventId == eventId
                                  join a in db.Set<TicketAdmission>() on t.Id equals a.TicketId into admissions
                                  from a in admissions.DefaultIfEmpty()
                                  group new { t.State, Admitted = a != null, Inside = a != null && a.Inside } by t.TicketTypeId into g
                                  select new CheckInTicketTypeCount(g.Key, g.Count(x => x.Admitted), g.Count(x => x.Inside),
                                      g.Count(x => x.State == TicketState.Valid))).ToListAsync(ct);
                return TypedResults.Ok(new CheckInCountsResponse(eventId, rows.Sum(r => r.Admitted), rows.Sum(r => r.Inside), rows.Sum(r => r.Valid),
                    [.. rows.OrderBy(r => r.TicketTypeId)]));
            })
            .RequireAuthorization(Policies.TicketsCheckIn).WithName("GetCheckInCounts")
            .WithSummary("Live counts per event and ticket type: admitted at least once, inside now, and valid tickets.");

        events.MapGet("/check-ins", async Task<Results<Ok<CursorPage<CheckInRecordResponse>>, ProblemHttpResult>> (Guid eventId, int? limit, string? cursor,
                PlatformDbContext db, CancellationToken ct) =>
            {
                var errors = Cursor.Validate(limit, cursor, out var take, out var after);
                if (errors.Count > 0)
                {
                    return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
                }

                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var query = db.Set<CheckInRecord>().AsNoTracking().Where(c => c.EventId == eventId);
                if (after is { } a)
                {
                    query = query.Where(c => c.Id.CompareTo(a) > 0);
                }

                var rows = await query.OrderBy(c => c.Id).Take(take + 1).ToListAsync(ct);
                return TypedResults.Ok(Cursor.Page(rows, take, c => c.Id, c => new CheckInRecordResponse(c.Id, c.TicketId, c.TicketTypeId, c.Gate, c.Direction,
                    c.ScannedAt, c.RecordedAt, c.DeviceId, c.Source)));
            })
            .RequireAuthorization(Policies.TicketsCheckIn).WithName("ListCheckIns")
            .WithSummary("Lists an event's check-ins (passages in and out) in the order recorded, with cursor paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        events.MapGet("/settings", async Task<Results<Ok<CheckInSettingsResponse>, ProblemHttpResult>> (Guid eventId, PlatformDbContext db, CancellationToken ct) =>
            {
                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var s = await db.Set<CheckInSettings>().AsNoTracking().SingleOrDefaultAsync(x => x.EventId == eventId, ct);
                return TypedResults.Ok(new CheckInSettingsResponse(eventId, s?.AllowReEntry ?? false, s?.UpdatedAt));
            })
            .RequireAuthorization(Policies.TicketsCheckIn).WithName("GetCheckInSettings").WithSummary("The event's check-in rules (re-entry).");

        events.MapPut("/settings", async Task<Results<Ok<CheckInSettingsResponse>, ProblemHttpResult>> (Guid eventId, CheckInSettingsRequest request,
                PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            {
                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var s = await db.Set<CheckInSettings>().SingleOrDefaultAsync(x => x.EventId == eventId, ct);
                if (s is null)
                {
                    s = new CheckInSettings { EventId = eventId };
                    db.Add(s);
                }

                s.AllowReEntry = request.AllowReEntry!.Value;
                s.UpdatedAt = clock.GetUtcNow();
                audit.Record("check_in.settings_updated", "event", eventId.ToString(), null);
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new CheckInSettingsResponse(eventId, s.AllowReEntry, s.UpdatedAt));
            })
            .WithValidation<CheckInSettingsRequest>().RequireAuthorization(Policies.EventsWrite).WithName("UpdateCheckInSettings")
            .WithSummary("Sets the event's check-in rules: with re-entry, scans of an admitted ticket alternate out and in.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static void MapDevices(RouteGroupBuilder group)
    {
        var devices = group.MapGroup("/devices").RequireAuthorization(Policies.TenantAdmin);
        devices.MapPost("", async Task<Results<Created<EnrolledDeviceResponse>, ProblemHttpResult>> (EnrolDeviceRequest request, PlatformDbContext db,
                TenantContext tenant, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            {
                var eventIds = request.EventIds?.Distinct().ToArray();
                if (eventIds is { Length: > 0 } && await db.Set<Event>().CountAsync(e => eventIds.Contains(e.Id), ct) != eventIds.Length)
                {
                    return ApiProblems.Unprocessable("unknown_event", "One or more events do not exist.",
                        new Dictionary<string, string[]> { ["eventIds"] = ["One or more events do not exist."] });
                }

                var token = DeviceAuthentication.NewToken(tenant.RequiredTenantId);
                var device = new CheckInDevice
                {
                    Name = request.Name!.Trim(), TokenHash = DeviceAuthentication.Hash(token), EventIds = eventIds, CreatedAt = clock.GetUtcNow(),
                };
                db.Add(device);
                audit.Record("check_in.device_enrolled", "check_in_device", device.Id.ToString(), null);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/check-in/devices/{device.Id}", new EnrolledDeviceResponse(ToResponse(device), token));
            })
            .WithValidation<EnrolDeviceRequest>().WithName("EnrolCheckInDevice")
            .WithSummary("Enrols a gate device (optionally limited to events); returns its token once — send it as 'Authorization: Device <token>'.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        devices.MapGet("", async Task<Ok<DeviceListResponse>> (PlatformDbContext db, CancellationToken ct) =>
                TypedResults.Ok(new DeviceListResponse([.. (await db.Set<CheckInDevice>().AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct)).Select(ToResponse)])))
            .WithName("ListCheckInDevices").WithSummary("Lists the tenant's enrolled gate devices (never their tokens).");

        devices.MapPost("/{id:guid}/revoke", async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> (Guid id, PlatformDbContext db, AuditLog audit,
                DeviceTokenCache cache, TimeProvider clock, CancellationToken ct) =>
            {
                if (await db.Set<CheckInDevice>().SingleOrDefaultAsync(d => d.Id == id, ct) is not { } device)
                {
                    return ApiProblems.NotFound("device");
                }

                device.RevokedAt ??= clock.GetUtcNow();
                audit.Record("check_in.device_revoked", "check_in_device", device.Id.ToString(), null);
                await db.SaveChangesAsync(ct);
                cache.Evict(device.Id);
                return TypedResults.Ok(ToResponse(device));
            })
            .WithName("RevokeCheckInDevice").WithSummary("Revokes a device: its token is refused (401) from now on.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<bool> ReEntryAsync(PlatformDbContext db, Guid eventId, CancellationToken ct) =>
        await db.Set<CheckInSettings>().AsNoTracking().Where(s => s.EventId == eventId).Select(s => s.AllowReEntry).SingleOrDefaultAsync(ct);

    private static ProblemHttpResult DeviceNotEnrolled() =>
        ApiProblems.Forbidden("device_event_not_allowed", "This device is not enrolled for the event.");

    private static DeviceResponse ToResponse(CheckInDevice d) => new(d.Id, d.Name, d.EventIds, d.CreatedAt, d.RevokedAt);
}
