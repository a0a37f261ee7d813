using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;
using Platform.Persistence;
using Platform.Tickets;
using Platform.Tickets.Transfers;

namespace Platform.CheckIn;

public static class CheckInExtensions
{
    /// <summary>Gate check-in: scans, device tokens, offline packages and batch uploads.</summary>
    public static IHostApplicationBuilder AddCheckIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceTokenCache>();
        builder.Services.AddScoped<ScanService>();
        builder.Services.AddScoped<OfflineService>();
        builder.Services.AddScoped<ITicketTransferGuard, CheckedInTransferGuard>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DeviceAuthenticationHandler>(DeviceAuthentication.Scheme, _ => { });
        // "Authorization: Device …" is not a bearer token: the bearer scheme (the default) hands such requests to the
        // device scheme, so HttpContext.User carries the device's tenant before tenant resolution runs.
        builder.Services.PostConfigureAll<OpenIddictValidationAspNetCoreOptions>(o =>
            o.ForwardDefaultSelector = context => DeviceAuthentication.IsDeviceRequest(context) ? DeviceAuthentication.Scheme : null);
        return builder;
    }
}

/// <summary>A ticket that has been admitted cannot change hands: the new holder could walk in a second time.</summary>
internal sealed class CheckedInTransferGuard(PlatformDbContext db) : ITicketTransferGuard
{
    public async Task<(string Code, string Detail)?> RefuseAsync(Ticket ticket, CancellationToken ct) =>
        await db.Set<TicketAdmission>().AnyAsync(a => a.TicketId == ticket.Id, ct)
            ? ("ticket_checked_in", "The ticket has already been used at a gate and can no longer be transferred.")
            : null;
}
