namespace Platform.Import;

/// <summary>
/// Our side of the field mapping: the fields an import row can fill. The templates' headers are these names, and the
/// default mapping reads each from the column of the same name, so a file made from a template needs no mapping.
/// </summary>
public static class ImportFields
{
    public const string OrderRef = "order_ref";
    public const string BuyerName = "buyer_name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Event = "event";
    public const string OccurrenceStart = "occurrence_start";
    public const string TicketType = "ticket_type";
    public const string Price = "price";
    public const string Currency = "currency";
    public const string PaidAt = "paid_at";
    public const string TicketCode = "ticket_code";
    public const string SeatLabel = "seat_label";
    public const string Status = "status";

    /// <summary>A seated ticket's place: section (its name or code), row and seat label as the venue's seat map has them.</summary>
    public const string Section = "section";
    public const string Row = "row";
    public const string Seat = "seat";

    public static readonly IReadOnlyList<string> All =
        [OrderRef, BuyerName, Email, Phone, Event, OccurrenceStart, TicketType, Price, Currency, PaidAt, TicketCode, SeatLabel, Status, Section, Row, Seat];

    /// <summary>Fields a row cannot do without (the rest may be blank or absent).</summary>
    public static readonly IReadOnlyList<string> Required = [OrderRef, BuyerName, Email, Event, TicketType, Price, TicketCode];

    /// <summary>What each field holds, for the templates' second line and the API reference.</summary>
    public static readonly IReadOnlyDictionary<string, string> Examples = new Dictionary<string, string>
    {
        [OrderRef] = "LEG-10001",
        [BuyerName] = "王小明",
        [Email] = "xiaoming@example.com",
        [Phone] = "+86 138 0013 8000",
        [Event] = "Spring Concert",
        [OccurrenceStart] = "2030-05-01 21:00",
        [TicketType] = "VIP",
        [Price] = "¥1,280.00",
        [Currency] = "CNY",
        [PaidAt] = "2030/03/01 10:15",
        [TicketCode] = "A1B2C3D4",
        [SeatLabel] = "",
        [Status] = "paid",
        [Section] = "",
        [Row] = "",
        [Seat] = "",
    };
}
