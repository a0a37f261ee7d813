using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.Webhooks;

/// <summary>
/// Catalogues every webhook event type's data in the OpenAPI document. The document is OpenAPI 3.0 (no `webhooks`
/// section), so each payload is a component schema whose description names its event types; docs/api.md#webhooks
/// has the table. Keep this list in step with the OutboxWriter.Add calls.
/// </summary>
internal sealed class WebhookEventsDocumentFilter : IDocumentFilter
{
    public static readonly IReadOnlyList<(string Type, Type Data)> Catalogue =
    [
        ("order.created", typeof(Orders.OrderEventData)),
        ("order.paid", typeof(Orders.OrderEventData)),
        ("order.refunded", typeof(Orders.OrderEventData)),
        ("order.payment_refunded", typeof(Orders.OrderEventData)),
        ("order.expired", typeof(Holds.OrderExpired)),
        (Tickets.Issuance.TicketIssuer.IssuedEvent, typeof(Tickets.Issuance.TicketsEvent)),
        (Tickets.Issuance.TicketIssuer.RevokedEvent, typeof(Tickets.Issuance.TicketsEvent)),
        (Tickets.Transfers.TransferService.TransferredEvent, typeof(Tickets.Issuance.TicketsEvent)),
        (WaitingRoom.RoomService.SwitchedOnEvent, typeof(WaitingRoom.RoomSwitchedOn)),
        (WebhookRules.TestEventType, typeof(WebhookTestData)),
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var group in Catalogue.GroupBy(e => e.Data))
        {
            context.SchemaGenerator.GenerateSchema(group.Key, context.SchemaRepository);
            if (context.SchemaRepository.Schemas.TryGetValue(group.Key.Name, out var schema) && schema is OpenApiSchema s)
            {
                s.Description = $"Webhook event data (the envelope's `data`) of: {string.Join(", ", group.Select(e => e.Type))}. See docs/api.md#webhooks.";
            }
        }
    }
}
