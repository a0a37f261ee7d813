using Platform.Events;
using Platform.Venues;
using Platform.Sales;

namespace Platform.UnitTests.Events;

/// <summary>Checkout writes these literals in raw SQL (… WHERE state = 'available'); they must not drift.</summary>
public sealed class StoredEnumTextTests
{
    [Theory]
    [InlineData(SeatState.Available, "available")]
    [InlineData(SeatState.Held, "held")]
    [InlineData(SeatState.Sold, "sold")]
    [InlineData(SeatState.Blocked, "blocked")]
    public void SeatState_StoredAsSnakeCaseText(SeatState state, string text)
    {
        Assert.Equal(text, SnakeCaseEnumConverter<SeatState>.ToText(state));
        Assert.Equal(state, SnakeCaseEnumConverter<SeatState>.FromText(text));
    }

    [Theory]
    [InlineData(EventStatus.OnSale, "on_sale")]
    [InlineData(EventStatus.SoldOut, "sold_out")]
    [InlineData(SalesChannel.MiniProgram, "mini_program")]
    [InlineData(SalesChannel.BoxOffice, "box_office")]
    public void OtherEnums_RoundTrip(object value, string text)
    {
        var actual = value switch
        {
            EventStatus s => (SnakeCaseEnumConverter<EventStatus>.ToText(s), (object)SnakeCaseEnumConverter<EventStatus>.FromText(text)),
            SalesChannel c => (SnakeCaseEnumConverter<SalesChannel>.ToText(c), SnakeCaseEnumConverter<SalesChannel>.FromText(text)),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        Assert.Equal((text, value), actual);
    }
}
