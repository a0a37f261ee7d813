using System.Text.Json;
using Platform.Webhooks;

namespace Platform.UnitTests.Webhooks;

public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("order.*", "order.paid", true)]
    [InlineData("order.*", "order.refund.partial", true)]
    [InlineData("order.*", "orders.paid", false)]
    [InlineData("order.*", "order", false)]
    [InlineData("*", "ticket.issued", true)]
    [InlineData("order.paid", "order.paid", true)]
    [InlineData("order.paid", "order.paid_out", false)]
    public void TypeMatches_Pattern_MatchesExpected(string pattern, string type, bool expected) =>
        Assert.Equal(expected, WebhookRules.TypeMatches(pattern, type));

    [Theory]
    [InlineData("order.*", true)]
    [InlineData("*", true)]
    [InlineData("order.paid", true)]
    [InlineData("order*", false)]
    [InlineData("*.paid", false)]
    [InlineData("Order.Paid", false)]
    public void EventTypePattern_Input_ValidatedAsDocumented(string pattern, bool valid) =>
        Assert.Equal(valid, WebhookRules.EventTypePattern().IsMatch(pattern));

    [Theory]
    [InlineData("""{"eventId":"e1"}""", true)]
    [InlineData("""{"eventId":"e2"}""", false)]
    [InlineData("""{"buyer.country":"DE","quantity":2}""", true)]
    [InlineData("""{"quantity":"2"}""", false)]
    [InlineData("""{"missing":"x"}""", false)]
    [InlineData("""{}""", true)]
    public void FilterMatches_Filter_EqualityOnDataPaths(string filter, bool expected)
    {
        using var data = JsonDocument.Parse("""{"eventId":"e1","quantity":2,"buyer":{"country":"DE"}}""");
        using var f = JsonDocument.Parse(filter);
        Assert.Equal(expected, WebhookRules.FilterMatches(f.RootElement, data.RootElement));
    }
}
