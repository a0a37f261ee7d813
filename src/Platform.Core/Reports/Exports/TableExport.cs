using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace Platform.Reports.Exports;

/// <summary>
/// Streams a <see cref="ReportTable"/> to the response. CSV (RFC 4180) is written row by row straight to the response
/// body, UTF-8 with a byte-order mark so spreadsheet programs read Chinese names right; CsvHelper 34, the version our
/// registry serves, is a rewrite with another API, and quoting is a dozen lines. XLSX is written by
/// MiniExcel's streaming writer, which pulls rows one at a time, into a temporary file that is then copied to the
/// response and deleted: a zip package needs a seekable stream to finish, and the file keeps memory flat however many
/// rows there are.
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows written between flushes of the CSV writer, so the client sees bytes early and buffers stay small.</summary>
    private const int FlushEvery = 1000;

    public static PushStreamHttpResult Write(ReportTable table, ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => TypedResults.Stream(body => WriteXlsxAsync(table, body), XlsxType, table.FileName + ".xlsx"),
        _ => TypedResults.Stream(body => WriteCsvAsync(table, body), CsvType, table.FileName + ".csv"),
    };

    public static async Task WriteCsvAsync(ReportTable table, Stream body)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        await writer.WriteLineAsync(string.Join(',', table.Columns.Select(Quote)));
        var count = 0;
        await foreach (var row in table.Rows)
        {
            await writer.WriteLineAsync(string.Join(',', row.Select(cell => Quote(cell switch
            {
                null => "",
                string s => CellSafety.Neutralise(s),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => CellSafety.Neutralise(cell.ToString()),
            }))));
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync();
            }
        }

        await writer.FlushAsync();
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    public static async Task WriteXlsxAsync(ReportTable table, Stream body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        try
        {
            // MiniExcel enumerates synchronously: it runs on a pool thread and pulls the async rows one at a time.
            await Task.Run(() =>
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
                MiniExcel.SaveAs(file, Rows(table).ToBlockingEnumerable(), sheetName: "Report", excelType: ExcelType.XLSX);
            });
            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            await read.CopyToAsync(body);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Each row as heading → value, in column order (MiniExcel takes the headings from the first row's keys).</summary>
    private static async IAsyncEnumerable<IDictionary<string, object?>> Rows(ReportTable table)
    {
        var any = false;
        await foreach (var row in table.Rows)
        {
            any = true;
            var cells = new Dictionary<string, object?>(table.Columns.Count);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                cells[table.Columns[i]] = row[i] is string s ? CellSafety.Neutralise(s) : row[i];
            }

            yield return cells;
        }

        if (!any)
        {
            // An empty report still names its columns: MiniExcel takes the headings from a row, so one empty row carries them.
            yield return table.Columns.ToDictionary(c => c, _ => (object?)null);
        }
    }
}
