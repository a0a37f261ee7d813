using Platform.Pricing;
using Platform.Pricing.Quotes;
using Platform.Sales;

namespace Platform.UnitTests.Pricing;

public sealed class QuoteRequestValidatorTests
{
    private static readonly QuoteRequestValidator Validator = new();

    [Fact]
    public void Validate_ValidRequest_HasNoErrors()
    {
        var request = new QuoteRequest([new QuoteRequestLine(Guid.NewGuid(), null, Audience.Child, 2)], "SPRING", "fan@example.com", SalesChannel.Web);

        Assert.True(Validator.Validate(request).IsValid);
    }

    [Fact]
    public void Validate_MissingAndOutOfRangeFields_NamesEach()
    {
        var request = new QuoteRequest([new QuoteRequestLine(null, null, null, 0)], null, "not-an-email", null);

        var fields = Validator.Validate(request).Errors.Select(e => e.PropertyName).ToHashSet();

        Assert.Superset(new HashSet<string> { "Lines[0].TicketTypeId", "Lines[0].Quantity", "BuyerEmail" }, fields);
    }

    [Fact]
    public void Validate_NoLines_NamesLines()
    {
        var fields = Validator.Validate(new QuoteRequest([], null, null, null)).Errors.Select(e => e.PropertyName);

        Assert.Contains("Lines", fields);
    }
}
