using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Catalog;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.WaitingRoom;

namespace Platform.Api.Pages.Storefront.Events;

/// <summary>
/// The waiting room of an event (issue #16): joins the buyer on the first visit (the ticket token becomes an HttpOnly
/// cookie), shows the position and estimated wait, and — once admitted — claims the pass and goes on to the event.
/// The script polls the cheap position endpoint and continues by itself; without it the page refreshes itself
/// (a meta refresh) and "Continue" does the same. Never cached: every answer is this browser's own.
/// </summary>
[AllowAnonymous]
public sealed class RoomModel(PlatformDbContext db, RoomService rooms, RoomTokens tokens, TenantContext tenant) : StorefrontPage
{
    public Event Event { get; private set; } = null!;

    public RoomPositionResponse Position { get; private set; } = null!;

    [BindProperty]
    public string? PresaleCode { get; set; }

    [BindProperty]
    public string? MemberEmail { get; set; }

    public string ApiUrl => $"/api/v1/public/tenants/{Shop.Slug}/events/{Event.Id}/waiting-room";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFoundPage();
        }

        if (Claim(id) is not { } claim)
        {
            return await JoinAsync(id, null, null, ct);
        }

        Position = await rooms.PositionAsync(id, claim, ct);
        if (Position.TicketToken is { } renewed)
        {
            SetCookie(RoomGate.TicketCookie(id), renewed, TimeSpan.FromDays(1));
        }

        return Position.State == RoomPositionStates.Off ? Redirect($"{Root}/events/{id}") : Page();
    }

    /// <summary>Joins again with a presale code (the buyer's general place is given up for the cohort's).</summary>
    public async Task<IActionResult> OnPostPresaleAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFoundPage();
        }

        return await JoinAsync(id, PresaleCode, null, ct);
    }

    /// <summary>Joins again with a member-list address (ADR 0063): the presale lane, the pass bound to that address.</summary>
    public async Task<IActionResult> OnPostMemberAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFoundPage();
        }

        return await JoinAsync(id, null, string.IsNullOrWhiteSpace(MemberEmail) ? null : MemberEmail, ct);
    }

    public async Task<IActionResult> OnPostPassAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFoundPage();
        }

        if (Claim(id) is not { } claim)
        {
            return Redirect($"{Root}/events/{id}/room");
        }

        try
        {
            var pass = await rooms.ClaimPassAsync(id, claim, ct);
            SetCookie(RoomGate.PassCookie(id), pass.Pass, pass.ExpiresAt - DateTimeOffset.UtcNow);
            return Redirect($"{Root}/events/{id}");
        }
        catch (ApiException ex) when (ex.Code == RoomService.PassExpiredCode)
        {
            // Admitted long ago and never used: back of the queue, like anyone arriving now.
            Response.Cookies.Delete(RoomGate.TicketCookie(id));
            return Redirect($"{Root}/events/{id}/room");
        }
        catch (ApiException)
        {
            return Redirect($"{Root}/events/{id}/room");
        }
    }

    private async Task<IActionResult> JoinAsync(Guid id, string? code, string? memberEmail, CancellationToken ct)
    {
        try
        {
            var ticket = await rooms.JoinAsync(id, new JoinRoomRequest(string.IsNullOrWhiteSpace(code) ? null : code.Trim(), memberEmail?.Trim()), ct);
            SetCookie(RoomGate.TicketCookie(id), ticket.TicketToken, TimeSpan.FromDays(1));
            Position = ticket.Position;
            return Page();
        }
        catch (ApiException ex) when (ex.Code == RoomService.ClosedCode)
        {
            return Redirect($"{Root}/events/{id}");
        }
        catch (ApiException ex) when (ex.Code is RoomService.PresaleCodeInvalid or Platform.WaitingRoom.Members.MemberListService.NotListedCode)
        {
            Problem = ex.Code == RoomService.PresaleCodeInvalid ? T["room.presale.invalid"] : T["room.member.invalid"];
            Position = Claim(id) is { } claim ? await rooms.PositionAsync(id, claim, ct)
                : new RoomPositionResponse(RoomPositionStates.Waiting, null, null, null, null);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Event = (await CatalogQueries.Listed(db).FirstOrDefaultAsync(e => e.Id == id, ct))!;
        return Event is not null;
    }

    private TicketClaim? Claim(Guid eventId) =>
        tokens.ReadTicket(Request.Cookies[RoomGate.TicketCookie(eventId)]) is { } claim && claim.TenantId == tenant.TenantId && claim.EventId == eventId
            ? claim : null;

    private void SetCookie(string name, string value, TimeSpan lifetime) =>
        Response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = lifetime, IsEssential = true,
        });
}
