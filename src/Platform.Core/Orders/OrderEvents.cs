using Platform.Payments;
using Platform.Sales;

namespace Platform.Orders;

/// <summary>The data of order.created / order.paid / order.refunded outbox events: ids, state and money, never buyer details.</summary>
public sealed record OrderEventData(Guid OrderId, Guid EventId, Guid OccurrenceId, string Channel, string State, long Total,
    long RefundedAmount, string Currency, Guid? PaymentId, string? Provider, long? Amount, string? Reason);

internal static class OrderEvents
{
    public static OrderEventData Of(Order order, OrderState? state = null, Payment? payment = null) => new(
        order.Id, order.EventId, order.OccurrenceId, Venues.SnakeCaseEnumConverter<SalesChannel>.ToText(order.Channel),
        Venues.SnakeCaseEnumConverter<OrderState>.ToText(state ?? order.State), order.Total, order.RefundedAmount, order.Currency,
        payment?.Id, payment?.Provider, payment?.Amount, payment?.Reason);
}
