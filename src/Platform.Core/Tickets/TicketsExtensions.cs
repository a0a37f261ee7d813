using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets.Codes;
using Platform.Tickets.Issuance;
using Platform.Tickets.Ledger;
using Platform.Tickets.Delivery;
using Platform.Tickets.Rendering;
using Platform.Tickets.Transfers;
using Platform.Outbox;

namespace Platform.Tickets;

public static class TicketsExtensions
{
    /// <summary>Tickets: issuance on payment, signed QR codes, the provenance ledger, rendering, delivery and transfers.</summary>
    public static IHostApplicationBuilder AddTickets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<TicketPublicKeyCache>();
        builder.Services.AddScoped<TicketKeyStore>();
        builder.Services.AddScoped(sp => new TicketCodes(sp.GetRequiredService<TicketKeyStore>(), sp.GetRequiredService<TenantContext>()));
        builder.Services.AddScoped(sp => new TicketLedger(sp.GetRequiredService<PlatformDbContext>(), sp.GetRequiredService<TenantContext>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<TicketIssueGates>();
        builder.Services.AddScoped<IOrderStateObserver, TicketIssuer>();
        builder.Services.AddScoped<TicketService>();
        builder.Services.AddSingleton<TicketAccessTokens>();
        builder.Services.AddScoped<TransferService>();
        builder.Services.AddScoped<IOutboxHandler, TicketMailer>();
        // Ticket and ticket-mail texts come from .resx resources (Tickets/Localization), in the tenant's locale.
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<TicketFonts>();
        return builder;
    }
}
