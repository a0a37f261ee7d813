namespace Platform.Reports.Exports;

/// <summary>
/// Keeps exported text from running as a spreadsheet formula (CSV/formula injection): a cell a buyer could write —
/// a name like <c>=HYPERLINK("http://evil","Click")</c> — gets a leading apostrophe when it starts with one of the
/// characters spreadsheet programs read as a formula or command (= + - @, tab, carriage return). Numbers are written
/// as numbers and never pass through here, so a negative amount stays a number.
/// </summary>
public static class CellSafety
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralise(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Array.IndexOf(Triggers, text[0]) >= 0 ? "'" + text : text;
}
