using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Platform.Http;

namespace Platform.Import;

/// <summary>One data row of a file: its 1-based line in the sheet (the header is row 1) and its cells in column order.</summary>
public sealed record ImportRow(int Number, string[] Cells);

/// <summary>A file's header row and a lazy sequence of its data rows.</summary>
public sealed record ImportSheet(string[] Headers, IEnumerable<ImportRow> Rows);

/// <summary>
/// Reads an uploaded CSV or XLSX. CSV text is UTF-8 (with or without a byte-order mark) or GBK, the encoding of old
/// Chinese systems: an explicit <c>encoding</c> wins; otherwise a BOM means UTF-8, bytes that are valid UTF-8 are
/// UTF-8, and anything else is read as GBK (a GBK file of Chinese text is practically never valid UTF-8). GBK comes
/// from .NET's code-pages provider, registered once.
/// </summary>
public static class ImportFileReader
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
    public const string Utf8 = "utf-8";
    public const string Gbk = "gbk";

    private static readonly Lazy<Encoding> GbkEncoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format from an explicit value or the file name; null when neither says csv or xlsx.</summary>
    public static string? Format(string? format, string fileName)
    {
        var f = (format ?? Path.GetExtension(fileName).TrimStart('.')).Trim().ToLowerInvariant();
        return f is Csv or Xlsx ? f : null;
    }

    /// <summary>The encoding to read CSV bytes with (see the class remarks); throws 422 for an encoding we do not read.</summary>
    public static string DetectEncoding(ReadOnlySpan<byte> bytes, string? requested)
    {
        switch (requested?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                break;
            case "utf-8" or "utf8":
                return Utf8;
            case "gbk" or "gb2312" or "gb18030" or "cp936":
                return Gbk;
            default:
                throw new UnprocessableException("import_encoding_unsupported", "encoding must be utf-8, gbk or auto.",
                    new Dictionary<string, string[]> { ["encoding"] = ["'encoding' must be utf-8, gbk or auto."] });
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return Utf8;
        }
        catch (DecoderFallbackException)
        {
            return Gbk;
        }
    }

    public static ImportSheet Read(byte[] content, string format, string encoding) =>
        format == Xlsx ? ReadXlsx(content) : ReadCsv(content, encoding);

    private static ImportSheet ReadCsv(byte[] content, string encoding)
    {
        var text = encoding == Gbk ? GbkEncoding.Value : new UTF8Encoding(false);
        // StreamReader drops a UTF-8 BOM itself.
        var reader = new StreamReader(new MemoryStream(content, writable: false), text, detectEncodingFromByteOrderMarks: encoding == Utf8);
        var records = CsvRecords.Parse(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new UnprocessableException("import_file_empty", "The file has no header row.");
        }

        var headers = records.Current.Select(h => h.Trim()).ToArray();
        return new ImportSheet(headers, Rest(records));
    }

    private static IEnumerable<ImportRow> Rest(IEnumerator<string[]> records)
    {
        var number = 1;
        using (records)
        {
            while (records.MoveNext())
            {
                number++;
                if (records.Current.All(string.IsNullOrWhiteSpace))
                {
                    continue; // blank lines between rows are not rows
                }

                yield return new ImportRow(number, records.Current);
            }
        }
    }

    private static ImportSheet ReadXlsx(byte[] content)
    {
        IEnumerator<IDictionary<string, object?>> rows;
        try
        {
            rows = new MemoryStream(content, writable: false).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().GetEnumerator();
            if (!rows.MoveNext())
            {
                throw new UnprocessableException("import_file_empty", "The sheet has no header row.");
            }
        }
        catch (Exception e) when (e is not UnprocessableException)
        {
            throw new UnprocessableException("import_file_unreadable", "The file is not a readable XLSX workbook.");
        }

        var columns = rows.Current.Keys.ToArray();
        var headers = columns.Select(c => Cell(rows.Current[c]).Trim()).ToArray();
        return new ImportSheet(headers, XlsxRows(rows, columns));
    }

    private static IEnumerable<ImportRow> XlsxRows(IEnumerator<IDictionary<string, object?>> rows, string[] columns)
    {
        var number = 1;
        using (rows)
        {
            while (rows.MoveNext())
            {
                number++;
                var cells = columns.Select(c => Cell(rows.Current.TryGetValue(c, out var v) ? v : null)).ToArray();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                yield return new ImportRow(number, cells);
            }
        }
    }

    /// <summary>A cell as text: dates as ISO (the cleaning rules read ISO), numbers in the invariant culture.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>RFC 4180 records from a reader, one at a time: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class CsvRecords
{
    public static IEnumerable<string[]> Parse(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return [.. fields];
                    fields.Clear();
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }
}
