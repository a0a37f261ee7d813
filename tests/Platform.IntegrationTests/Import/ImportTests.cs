using System.Net;
using System.Net.Http.Json;
using System.Text;
using MiniExcelLibs;
using Platform.CheckIn;
using Platform.Import;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Http;
using static Platform.IntegrationTests.Import.ImportScenario;

namespace Platform.IntegrationTests.Import;

/// <summary>Imports from a legacy system over HTTP (issue #18 item 4): dry run, full run, encodings, rejects, gate, roles, isolation.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportTests(PlatformFixture fixture)
{
    /// <summary>A file with one row per rule: three date formats, de-duplicated customers, and one broken row per reason.</summary>
    private static readonly string[] MixedRows =
    [
        Row("L-1", "C-1", start: "2030-05-01 21:00"),                                       // 2: ISO, tenant time zone
        Row("L-1", "C-2", start: "2030/05/01 21:00"),                                       // 3: yyyy/MM/dd HH:mm, same order
        Row("L-2", "C-3", email: "bo@example.com", name: "Bo", phone: "0049 30 1234567", start: "01.05.2030 21:00", price: "€25"), // 4: dd.MM.yyyy; phone = Anna's
        Row("L-3", "C-1"),                                                                  // 5: duplicate ticket code
        Row("L-4", "C-4", email: "not-an-email"),                                           // 6
        Row("L-5", "C-5", type: "Balkon"),                                                  // 7: no mapping, no such type
        Row("L-6", "C-6", price: "twenty"),                                                 // 8
        Row("L-7", "C-7", start: "2030-05-02 21:00"),                                       // 9: no such occurrence
        Row("", "C-8"),                                                                     // 10
        Row("L-9", "C-9", price: "25.00 USD"),                                              // 11: the ticket type sells in EUR
        Row("L-10", "C-10", start: "31/12/2030"),                                           // 12: not one of the formats
        Row("L-11", "C-11", status: "refunded"),                                            // 13: cancelled in the old system, never imported
        Row("L-12", "=HYPERLINK(\"http://evil\",\"x\")", email: "x@"),                      // 14: broken, with a formula in a cell
    ];

    [Fact]
    public async Task DryRun_MixedFile_ExactVerdictPerRow_AndNothingWritten()
    {
        var s = await CreateAsync(fixture);
        var job = await s.UploadAsync(Csv(MixedRows));
        Assert.Equal((ImportJobState.Uploaded, 13, "utf-8"), (job.State, job.TotalRows, job.Encoding));

        var dry = await s.DryRunAsync(job.Id);

        Assert.Equal([
            (2, RowOutcome.Created, null), (3, RowOutcome.Created, null), (4, RowOutcome.Created, null),
            (5, RowOutcome.Rejected, "duplicate_ticket_code"), (6, RowOutcome.Rejected, "invalid_email"), (7, RowOutcome.Rejected, "unmapped_ticket_type"),
            (8, RowOutcome.Rejected, "price_unreadable"), (9, RowOutcome.Rejected, "unknown_occurrence"), (10, RowOutcome.Rejected, "missing_order_ref"),
            (11, RowOutcome.Rejected, "currency_mismatch"), (12, RowOutcome.Rejected, "invalid_date_occurrence_start"),
            (13, RowOutcome.Rejected, "cancelled_in_legacy"), (14, RowOutcome.Rejected, "invalid_email"),
        ], dry.Rows.Select(r => (r.Row, r.Outcome, r.Reason)).ToArray());
        // Rows 2-4: two orders, and one customer (row 4's phone is Anna's, so Bo's order carries Anna's details).
        Assert.Equal((13, 3, 0, 0, 10, 2, 1), (dry.SampledRows, dry.Created, dry.Changed, dry.Unchanged, dry.Rejected, dry.Orders, dry.Customers));

        // The sample: the first 3 rows, or 3 drawn with a seed (the same seed, the same rows).
        Assert.Equal([2, 3, 4], (await s.DryRunAsync(job.Id, sample: 3)).Rows.Select(r => r.Row));
        var random = (await s.DryRunAsync(job.Id, sample: 3, mode: "random", seed: 7)).Rows.Select(r => r.Row).ToList();
        Assert.Equal(random, (await s.DryRunAsync(job.Id, sample: 3, mode: "random", seed: 7)).Rows.Select(r => r.Row));
        Assert.Equal(3, random.Count);

        // Pages of verdicts (ADR 0068): totals and reasons over the whole sample, rows filtered by outcome from an offset.
        Assert.Equal("cancelled_in_legacy=1,currency_mismatch=1,duplicate_ticket_code=1,invalid_date_occurrence_start=1,invalid_email=2,missing_order_ref=1," +
                     "price_unreadable=1,unknown_occurrence=1,unmapped_ticket_type=1", Reasons(dry.RejectReasons));
        Assert.Equal((13, (int?)null), (dry.RowsMatching, dry.NextOffset));
        var page = await (await s.Admin.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", new { sample = 100, outcome = "rejected", offset = 2, limit = 3 }))
            .ReadAsync<ImportDryRunResponse>();
        Assert.Equal([7, 8, 9], page.Rows.Select(r => r.Row));
        Assert.Equal((10, (int?)5, 3, 10), (page.RowsMatching, page.NextOffset, page.Created, page.Rejected));
        var last = await (await s.Admin.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", new { sample = 100, outcome = "Rejected", offset = 8, limit = 3 }))
            .ReadAsync<ImportDryRunResponse>();
        Assert.Equal([13, 14], last.Rows.Select(r => r.Row));
        Assert.Null(last.NextOffset);
        foreach (var (bad, field) in new (object, string)[]
                 {
                     (new { offset = -1 }, "offset"), (new { limit = 0 }, "limit"), (new { limit = 1001 }, "limit"), (new { outcome = "1" }, "outcome"),
                     (new { outcome = "created,rejected" }, "outcome"),
                 })
        {
            var problem = await (await s.Admin.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", bad)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal([field], problem.ErrorFields());
        }

        // Nothing written: the job is still only uploaded and no order exists for the buyer.
        Assert.Equal(ImportJobState.Uploaded, (await (await s.Admin.GetAsync($"/api/v1/imports/{job.Id}")).ReadAsync<ImportJobResponse>()).State);
        Assert.Empty((await (await s.Events.Owner.GetAsync("/api/v1/orders?q=anna@example.com")).ReadAsync<CursorPage<OrderSummaryResponse>>()).Data);
        await (await s.Admin.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", new { sample = 0 })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task FullImport_BrokenRowsRejected_RestImported_RejectsNeutralised_ReimportCreatesNothing()
    {
        var s = await CreateAsync(fixture);
        var job = await s.ImportAsync((await s.UploadAsync(Csv(MixedRows))).Id);

        Assert.Equal((ImportJobState.Succeeded, 13, 13, 3, 10, 0), (job.State, job.TotalRows, job.RowsDone, job.Created, job.Rejected, job.Unchanged));
        var orders = (await (await s.Events.Owner.GetAsync("/api/v1/orders?q=anna@example.com")).ReadAsync<CursorPage<OrderSummaryResponse>>()).Data;
        Assert.Equal(2, orders.Count); // L-1 (2 tickets) and L-2, both under Anna: the same phone is the same customer
        Assert.All(orders, o => Assert.Equal((OrderState.Paid, "Anna Schmidt", "EUR"), (o.State, o.Buyer.Name, o.Currency)));
        Assert.Equal([2500L, 5000L], orders.Select(o => o.Total).Order());
        Assert.All(orders, o => Assert.Equal(new DateTimeOffset(2030, 3, 1, 9, 15, 0, TimeSpan.Zero), o.PaidAt)); // 10:15 Berlin (CET)

        var rejects = (await (await s.Admin.GetAsync($"/api/v1/imports/{job.Id}/rejects")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = rejects.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header + ",reason", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.EndsWith(",duplicate_ticket_code", lines[1]);
        Assert.StartsWith("L-3,Anna Schmidt,anna@example.com,", lines[1]);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",", lines[10]); // a formula is never a formula again
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",\"=", StringComparison.Ordinal));

        // The same file again: nothing new (natural keys: legacy order ref + ticket code).
        var again = await s.ImportAsync((await s.UploadAsync(Csv(MixedRows))).Id);
        Assert.Equal((ImportJobState.Succeeded, 0, 3), (again.State, again.Created, again.Unchanged));
        Assert.Equal(2, (await (await s.Events.Owner.GetAsync("/api/v1/orders?q=anna@example.com")).ReadAsync<CursorPage<OrderSummaryResponse>>()).Data.Count);
        await (await s.Admin.PostAsync($"/api/v1/imports/{job.Id}/start", null)).ProblemAsync(HttpStatusCode.Conflict);

        // The old system cancels C-3 later: re-importing the row with status refunded changes (revokes) that ticket.
        var cancel = await s.ImportAsync((await s.UploadAsync(Csv([Row("L-2", "C-3", email: "bo@example.com", status: "refunded")]))).Id);
        Assert.Equal((1, 0), (cancel.Changed, cancel.Created));
    }

    [Fact]
    public async Task Upload_GbkFile_ChineseTextReadCorrectly()
    {
        var s = await CreateAsync(fixture, title: "春季音乐会");
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936);
        var content = Csv([Row("G-1", "G-CODE-1", name: "王小明", email: "wang@example.cn", eventName: "春季音乐会", price: "25.00")], gbk);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(content)); // really not UTF-8

        // Read as UTF-8 when told so, the same bytes are garbage and the event is not found.
        var forced = await s.UploadAsync(content, query: "&encoding=utf-8");
        Assert.Equal("unknown_event", (await s.DryRunAsync(forced.Id)).Rows.Single().Reason);

        var job = await s.UploadAsync(content);
        Assert.Equal("gbk", job.Encoding);
        var dry = await s.DryRunAsync(job.Id);
        Assert.Equal((RowOutcome.Created, null), (dry.Rows.Single().Outcome, dry.Rows.Single().Reason)); // the Chinese event title matched

        Assert.Equal(1, (await s.ImportAsync(job.Id)).Created);
        var order = (await (await s.Events.Owner.GetAsync("/api/v1/orders?q=wang@example.cn")).ReadAsync<CursorPage<OrderSummaryResponse>>()).Data.Single();
        Assert.Equal("王小明", order.Buyer.Name);
        await (await s.Admin.PostAsync("/api/v1/imports?fileName=x.csv&encoding=latin9", new ByteArrayContent(content))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Upload_Utf8WithBomAndXlsx_Read()
    {
        var s = await CreateAsync(fixture);
        var bom = new UTF8Encoding(true).GetPreamble().Concat(Csv([Row("B-1", "B-CODE-1", name: "Zoë")])).ToArray();
        var job = await s.UploadAsync(bom);
        Assert.Equal(("utf-8", RowOutcome.Created), (job.Encoding, (await s.DryRunAsync(job.Id)).Rows.Single().Outcome));

        using var xlsx = new MemoryStream();
        var headers = Header.Split(',');
        var values = Row("X-1", "X-CODE-1", start: "01.05.2030 21:00").Split(',');
        MiniExcel.SaveAs(xlsx, new[] { headers.Zip(values).ToDictionary(p => p.First, p => (object)p.Second) }, excelType: ExcelType.XLSX);
        var x = await s.UploadAsync(xlsx.ToArray(), fileName: "legacy.xlsx");
        Assert.Equal(("xlsx", 1), (x.Format, x.TotalRows));
        Assert.Equal(1, (await s.ImportAsync(x.Id)).Created);

        // The XLSX template lists the fields; the CSV one too.
        await using var template = new MemoryStream(await (await s.Admin.GetAsync("/api/v1/imports/template?format=xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(ImportFields.All, template.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single().Keys);
        Assert.StartsWith(Header, (await (await s.Admin.GetAsync("/api/v1/imports/template")).Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        await (await s.Admin.PostAsync("/api/v1/imports?fileName=broken.xlsx", new ByteArrayContent([1, 2, 3]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await s.Admin.PostAsync("/api/v1/imports?fileName=data.json", new ByteArrayContent([1, 2, 3]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Upload_200MegabyteFile_413BeforeReading()
    {
        var s = await CreateAsync(fixture);
        using var body = new StreamContent(new ZeroStream(200L * 1024 * 1024));
        body.Headers.ContentLength = 200L * 1024 * 1024;
        var problem = await (await s.Admin.PostAsync("/api/v1/imports?fileName=huge.csv", body)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body_too_large", problem.Code());
    }

    [Fact]
    public async Task ImportedOldCode_ScansOnce_SecondAlreadyUsed_OtherTenantInvalid()
    {
        var s = await CreateAsync(fixture);
        Assert.Equal(1, (await s.ImportAsync((await s.UploadAsync(Csv([Row("S-1", "OLD-GATE-1")]))).Id)).Created);
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, "scanner"));

        Assert.Equal(ScanResult.Admitted, (await scanner.ScanAsync(s.Event.Id, "OLD-GATE-1")).Result);
        Assert.Equal(ScanResult.AlreadyUsed, (await scanner.ScanAsync(s.Event.Id, "OLD-GATE-1")).Result);
        Assert.Equal(ScanResult.Invalid, (await scanner.ScanAsync(s.Event.Id, "OLD-GATE-2")).Result);

        var other = await CreateAsync(fixture);
        var otherScanner = fixture.CreateClient(TestCaller.TenantMember(other.TenantId, "scanner"));
        Assert.Equal(ScanResult.Invalid, (await otherScanner.ScanAsync(other.Event.Id, "OLD-GATE-1")).Result);
    }

    [Fact]
    public async Task ImportedOldCode_TenantDidNotKeepCodes_Invalid()
    {
        var s = await CreateAsync(fixture);
        (await s.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string> { ["ticket_code"] = "ticket_code" },
            ticketTypes = new Dictionary<string, Guid> { ["Stehplatz"] = s.Type.Id },
            keepLegacyCodes = false,
        })).EnsureSuccessStatusCode();
        Assert.Equal(1, (await s.ImportAsync((await s.UploadAsync(Csv([Row("N-1", "NO-SCAN-1")]))).Id)).Created);
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, "scanner"));
        Assert.Equal(ScanResult.Invalid, (await scanner.ScanAsync(s.Event.Id, "NO-SCAN-1")).Result);
    }

    [Fact]
    public async Task Mapping_RenamedColumns_AndSoldOutBeyondCapacity()
    {
        var s = await CreateAsync(fixture, capacity: 2);
        var response = await (await s.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string> { ["order_ref"] = "Bestellnummer", ["ticket_code"] = "Code" },
            ticketTypes = new Dictionary<string, Guid> { ["Stehplatz"] = s.Type.Id },
            keepLegacyCodes = true,
        })).ReadAsync<ImportMappingResponse>();
        Assert.Equal("Bestellnummer", response.Columns["order_ref"]);
        await (await s.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string> { ["shoe_size"] = "x" }, ticketTypes = new Dictionary<string, Guid>(),
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await s.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string>(), ticketTypes = new Dictionary<string, Guid> { ["VIP"] = Guid.NewGuid() },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // Leaving a map out is refused naming the field, not a 500 (fuzz seed 20261205).
        var noColumns = await (await s.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new { ticketTypes = new Dictionary<string, Guid>() }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("validation_failed", noColumns.Code());
        Assert.Contains("columns", noColumns.ErrorFields());
        var noTypes = await (await s.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new { columns = new Dictionary<string, string>() }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("ticketTypes", noTypes.ErrorFields());

        var renamed = Encoding.UTF8.GetBytes(Header.Replace("order_ref", "Bestellnummer").Replace("ticket_code", "Code") + "\n" +
            string.Join("\n", Row("M-1", "M-C1"), Row("M-2", "M-C2"), Row("M-3", "M-C3")) + "\n");
        var job = await s.UploadAsync(renamed);
        var dry = await s.DryRunAsync(job.Id);
        Assert.Equal([RowOutcome.Created, RowOutcome.Created, RowOutcome.Rejected], dry.Rows.Select(r => r.Outcome));
        Assert.Equal("sold_out", dry.Rows[2].Reason);

        var done = await s.ImportAsync(job.Id);
        Assert.Equal((2, 1), (done.Created, done.Rejected));
        Assert.EndsWith(",sold_out", (await (await s.Admin.GetAsync($"/api/v1/imports/{job.Id}/rejects")).Content.ReadAsStringAsync()).TrimEnd());
    }

    [Theory]
    [InlineData("owner", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("box_office", HttpStatusCode.Forbidden)]
    [InlineData("finance", HttpStatusCode.Forbidden)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("scanner", HttpStatusCode.Forbidden)]
    public async Task Imports_ByRole_OwnerAndAdminOnly(string role, HttpStatusCode expected)
    {
        var s = await CreateAsync(fixture);
        var job = await s.UploadAsync(Csv([Row("R-1", "R-C1")]));
        var client = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, role));

        Assert.Equal(expected, (await client.GetAsync("/api/v1/imports/mapping")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/api/v1/imports/{job.Id}")).StatusCode);
        Assert.Equal(expected, (await client.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", new { sample = 10 })).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/api/v1/imports/{job.Id}/rejects")).StatusCode);
        var upload = await client.PostAsync("/api/v1/imports?fileName=a.csv", new ByteArrayContent(Csv([Row("R-2", "R-C2")])));
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.Created : expected, upload.StatusCode);
    }

    [Fact]
    public async Task Imports_OtherTenant_NotFound_AndNotListed()
    {
        var a = await CreateAsync(fixture);
        var b = await CreateAsync(fixture);
        var job = await a.UploadAsync(Csv([Row("I-1", "I-C1")]));

        await (await b.Admin.GetAsync($"/api/v1/imports/{job.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.Admin.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", new { sample = 10 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.Admin.PostAsync($"/api/v1/imports/{job.Id}/start", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.Admin.GetAsync($"/api/v1/imports/{job.Id}/rejects")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await b.Admin.GetAsync("/api/v1/imports")).ReadAsync<List<ImportJobResponse>>()), j => j.Id == job.Id);
        Assert.Contains((await (await a.Admin.GetAsync("/api/v1/imports")).ReadAsync<List<ImportJobResponse>>()), j => j.Id == job.Id);
        // B's mapping is B's: A's ticket type is unknown there.
        await (await b.Admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string>(), ticketTypes = new Dictionary<string, Guid> { ["Stehplatz"] = a.Type.Id },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>A stream of zeros that claims a length, so a 200 MB upload costs no memory in the test.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var take = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, take);
            position += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
