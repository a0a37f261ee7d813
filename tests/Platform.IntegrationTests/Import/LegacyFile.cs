using static Platform.IntegrationTests.Import.ImportScenario;

namespace Platform.IntegrationTests.Import;

/// <summary>
/// A generated legacy export for the volume test and the import benchmark (scripts/bench-import.sh), the same for the
/// same row count: orders of 1–4 tickets alternating between a past event (<see cref="PastEvent"/>) and the scenario's
/// upcoming one; every customer has three orders, the second with the e-mail in another case and the third with
/// the phone written 0049…, so de-duplication has work to do; the three date formats and three ways of writing a price
/// in turn; and every 50th row a deliberately bad one (an order of its own) whose reason is known in advance.
/// </summary>
internal sealed class LegacyFile
{
    public const string PastEvent = "Winter Gala";

    /// <summary>The past event's start: 2025-11-15 19:00 UTC, 20:00 in the scenario tenant's Europe/Berlin.</summary>
    public static readonly DateTimeOffset PastStart = new(2025, 11, 15, 19, 0, 0, TimeSpan.Zero);

    private LegacyFile(byte[] content, int rows, int goodRows, int goodOrders, int customers, IReadOnlyDictionary<string, int> reasons)
    {
        Content = content;
        Rows = rows;
        GoodRows = goodRows;
        GoodOrders = goodOrders;
        Customers = customers;
        Reasons = reasons;
    }

    public byte[] Content { get; }

    public int Rows { get; }

    public int GoodRows { get; }

    public int GoodOrders { get; }

    public int Customers { get; }

    /// <summary>The bad rows by the reason the importer must give.</summary>
    public IReadOnlyDictionary<string, int> Reasons { get; }

    public static LegacyFile Generate(int rows)
    {
        var lines = new List<string>(rows);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var customers = new HashSet<int>();
        var (order, left, ticket, bad, goodRows) = (0, 0, 0, 0, 0);
        while (lines.Count < rows)
        {
            if (lines.Count % 50 == 49)
            {
                var (line, reason) = Bad(++bad);
                lines.Add(line);
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                continue;
            }

            if (left == 0)
            {
                order++;
                (left, ticket) = (1 + order % 4, 0);
                customers.Add(CustomerOf(order));
            }

            lines.Add(Good(order, ++ticket));
            left--;
            goodRows++;
        }

        return new LegacyFile(Csv(lines), rows, goodRows, order, customers.Count, reasons);
    }

    private static int CustomerOf(int order) => (order - 1) / 3;

    private static string Good(int order, int ticket)
    {
        var c = CustomerOf(order);
        var (email, phone) = ((order - 1) % 3) switch
        {
            0 => ($"c{c}@example.com", $"+49 30 {3000000 + c}"),
            1 => ($"C{c}@example.com", $"+49 30 {3000000 + c}"),
            _ => ($"c{c}@example.com", $"0049 30 {3000000 + c}"),
        };
        var past = order % 2 == 0;
        var (start, paid) = past ? (new DateTime(2025, 11, 15, 20, 0, 0), new DateTime(2025, 10, 1, 9, 30, 0)) : (new DateTime(2030, 5, 1, 21, 0, 0),
            new DateTime(2030, 3, 1, 10, 15, 0));
        var format = (order % 3) switch { 0 => "yyyy-MM-dd HH:mm", 1 => "yyyy/MM/dd HH:mm", _ => "dd.MM.yyyy HH:mm" };
        var price = (order % 3) switch { 0 => "25.00 EUR", 1 => "€25", _ => "25" };
        return Row($"O-{order:D6}", $"T-{order:D6}-{ticket}", email: email, name: $"Customer {c}", phone: phone,
            start: start.ToString(format, System.Globalization.CultureInfo.InvariantCulture), type: past ? "Standing" : "Stehplatz", price: price,
            eventName: past ? PastEvent : "Spring Concert", paidAt: paid.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The n-th bad row and the reason it must be rejected with (the duplicate repeats the first good row's code).</summary>
    private static (string Line, string Reason) Bad(int n)
    {
        var (reference, code) = ($"BAD-{n:D6}", $"BAD-{n:D6}-1");
        return (n % 7) switch
        {
            0 => (Row(reference, code, email: "not-an-email"), "invalid_email"),
            1 => (Row(reference, code, eventName: "Summer Opera"), "unknown_event"),
            2 => (Row(reference, code, start: "2030-13-45 21:00"), "invalid_date_occurrence_start"),
            3 => (Row(reference, "T-000001-1"), "duplicate_ticket_code"),
            4 => (Row(reference, code, type: "Logenplatz"), "unmapped_ticket_type"),
            5 => (Row(reference, code, price: "25.005 EUR"), "price_unreadable"),
            _ => (Row(reference, code, status: "refunded"), "cancelled_in_legacy"),
        };
    }
}
