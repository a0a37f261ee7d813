namespace Platform.Reports.Exports;

/// <summary>
/// A report as a table to export: its column headings and its rows, read lazily. A cell is a string (neutralised on
/// writing), a whole number, a decimal amount in major units, or null.
/// </summary>
public sealed record ReportTable(string FileName, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows);

public enum ExportFormat
{
    Csv,
    Xlsx,
}
