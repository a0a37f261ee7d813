using Ticketing.Platform.Sdk;

namespace Platform.Console.Services;

/// <summary>
/// Every call the console makes to the platform, through the generated SDK (sdk/csharp). Pages use only this class,
/// so a change of the SDK's surface (its exception or enum types) is adapted here, once.
/// </summary>
public sealed class ConsoleApi(PlatformClient client)
{
    /// <summary>Order search (GET /api/v1/orders?q=): by order number, buyer email, phone or name.</summary>
    public Task<ApiResult<OrderSummaryResponseCursorPage>> SearchOrdersAsync(string q, string? cursor) =>
        CallAsync(c => c.SearchOrdersAsync(q.Trim(), 50, cursor));

    public Task<ApiResult<OrderResponse>> GetOrderAsync(Guid id) => CallAsync(c => c.GetOrderAsync(id));

    public Task<ApiResult<TicketListResponse>> ListOrderTicketsAsync(Guid id) => CallAsync(c => c.ListOrderTicketsAsync(id));

    /// <summary>Refunds the whole order (no lines) or the given quantity per line, always with the person's reason.</summary>
    public Task<ApiResult<OrderResponse>> RefundAsync(Guid orderId, IReadOnlyList<(Guid LineId, int Quantity)> lines, string reason) =>
        CallAsync(c => c.RefundOrderAsync(orderId, new RefundRequest
        {
            Reason = reason,
            Lines = lines.Count == 0 ? null : [.. lines.Select(l => new RefundLineRequest { LineId = l.LineId, Quantity = l.Quantity })],
        }));

    public Task<ApiResult<EventSummaryResponseCursorPage>> ListEventsAsync(string? cursor) => CallAsync(c => c.ListEventsAsync(null, 50, cursor));

    /// <summary>A lifecycle step of an event: publish, open-sales, end (the API checks the step is allowed from its state).</summary>
    public Task<ApiResult<EventResponse>> TransitionEventAsync(Guid id, string step) => CallAsync(c => step switch
    {
        "publish" => c.PublishEventAsync(id),
        "open-sales" => c.OpenEventSalesAsync(id),
        "end" => c.EndEventAsync(id),
        "mark-sold-out" => c.MarkEventSoldOutAsync(id),
        "cancel" => c.CancelEventAsync(id),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    });

    public Task<ApiResult<TenantResponseCursorPage>> ListTenantsAsync(string? q, string? cursor) =>
        CallAsync(c => c.ListTenantsAsync(null, null, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), 50, cursor));

    public Task<ApiResult<TenantResponse>> SuspendTenantAsync(Guid id, string reason) =>
        CallAsync(c => c.SuspendTenantAsync(id, new SuspendTenantRequest { Reason = reason }));

    public Task<ApiResult<TenantResponse>> ReactivateTenantAsync(Guid id) => CallAsync(c => c.ReactivateTenantAsync(id));

    public Task<ApiResult<TenantResponse>> CreateTenantAsync(CreateTenantRequest request) => CallAsync(c => c.CreateTenantAsync(request));

    /// <summary>A plan change with the version the admin saw (If-Match): a concurrent change answers 409, nothing overwritten.</summary>
    public Task<ApiResult<TenantResponse>> ChangeTenantPlanAsync(Guid id, int version, string plan) =>
        CallAsync(c => c.UpdateTenantAsync(id, $"\"{version}\"", new UpdateTenantRequest { Plan = plan }));

    /// <summary>Promoter sign-up (anonymous): a new account and tenant; the API mails a confirmation link.</summary>
    public Task<ApiResult<SignUpResponse>> SignUpAsync(SignUpRequest request) => CallAsync(c => c.SignUpAsync(request));

    public Task<ApiResult<OwnBrandingResponse>> GetBrandingAsync() => CallAsync(c => c.GetOwnBrandingAsync());

    public Task<ApiResult<OwnBrandingResponse>> SetBrandingAsync(string? logoUrl, string? primaryColor, string? accentColor) =>
        CallAsync(c => c.SetOwnBrandingAsync(new SetOwnBrandingRequest
        {
            LogoUrl = string.IsNullOrWhiteSpace(logoUrl) ? null : logoUrl.Trim(), PrimaryColor = primaryColor, AccentColor = accentColor,
        }));

    public Task<ApiResult<VenueSummaryResponseCursorPage>> ListVenuesAsync() => CallAsync(c => c.ListVenuesAsync(50, null));

    public Task<ApiResult<VenueResponse>> CreateVenueAsync(string name, string? address) =>
        CallAsync(c => c.CreateVenueAsync(new CreateVenueRequest { Name = name, Address = string.IsNullOrWhiteSpace(address) ? null : address }));

    public Task<ApiResult<EventResponse>> GetEventAsync(Guid id) => CallAsync(c => c.GetEventAsync(id));

    /// <summary>A first event: one date at a venue, on sale on the web and at the box office from now until it starts.</summary>
    public Task<ApiResult<EventResponse>> CreateEventAsync(string title, Guid? venueId, DateTimeOffset startsAt, string timeZone) =>
        CallAsync(c => c.CreateEventAsync(new CreateEventRequest
        {
            Title = title,
            Category = "concert",
            VenueId = venueId,
            TimeZone = timeZone,
            Occurrences = [new OccurrenceRequest { StartsAt = startsAt, DoorsAt = startsAt.AddHours(-1), EndsAt = startsAt.AddHours(3) }],
            SalesWindows =
            [
                new SalesWindowRequest { Channel = SalesChannel.Web, OpensAt = DateTimeOffset.UtcNow.AddMinutes(-1), ClosesAt = startsAt },
                new SalesWindowRequest { Channel = SalesChannel.BoxOffice, OpensAt = DateTimeOffset.UtcNow.AddMinutes(-1), ClosesAt = startsAt.AddHours(3) },
            ],
        }));

    public Task<ApiResult<QuotaResponse>> AddQuotaAsync(Guid eventId, string name, int capacity) =>
        CallAsync(c => c.AddQuotaAsync(eventId, new QuotaRequest { Name = name, Capacity = capacity }));

    public Task<ApiResult<TicketTypeResponse>> AddGaTicketTypeAsync(Guid eventId, Guid quotaId, string name, long priceMinor, string currency) =>
        CallAsync(c => c.AddTicketTypeAsync(eventId, new TicketTypeRequest
        {
            Name = name, Kind = TicketKind.GeneralAdmission, QuotaId = quotaId, Price = new MoneyRequest { Amount = priceMinor, Currency = currency },
        }));

    // ---- Members and access: members, invitations, API clients, webhooks, audit log, users. ----
    public Task<ApiResult<IReadOnlyList<MemberResponse>>> ListMembersAsync() => CallAsync(c => c.ListMembersAsync());

    public Task<ApiResult<MemberResponse>> ChangeMemberRoleAsync(Guid userId, string role) =>
        CallAsync(c => c.ChangeMemberRoleAsync(userId, new ChangeMemberRoleRequest { Role = role }));

    public Task<ApiResult<bool>> RemoveMemberAsync(Guid userId) => CallAsync(async c => { await c.RemoveMemberAsync(userId); return true; });

    public Task<ApiResult<IReadOnlyList<InvitationResponse>>> ListInvitationsAsync() => CallAsync(c => c.ListInvitationsAsync());

    public Task<ApiResult<InvitationResponse>> InviteAsync(string email, string role) =>
        CallAsync(c => c.CreateInvitationAsync(new CreateInvitationRequest { Email = email.Trim(), Role = role }));

    public Task<ApiResult<InvitationResponse>> RevokeInvitationAsync(Guid id) => CallAsync(c => c.RevokeInvitationAsync(id));

    public Task<ApiResult<IReadOnlyList<ApiClientResponse>>> ListApiClientsAsync() => CallAsync(c => c.ListApiClientsAsync());

    public Task<ApiResult<ApiClientSecretResponse>> CreateApiClientAsync(string name, IReadOnlyList<string> scopes) =>
        CallAsync(c => c.CreateApiClientAsync(new CreateApiClientRequest { Name = name.Trim(), Scopes = [.. scopes] }));

    public Task<ApiResult<ApiClientSecretResponse>> RotateApiClientAsync(Guid id) => CallAsync(c => c.RotateApiClientSecretAsync(id));

    public Task<ApiResult<ApiClientResponse>> RevokeApiClientAsync(Guid id) => CallAsync(c => c.RevokeApiClientAsync(id));

    public Task<ApiResult<WebhookEndpointResponseCursorPage>> ListWebhookEndpointsAsync() => CallAsync(c => c.ListWebhookEndpointsAsync(100, null));

    public Task<ApiResult<CreatedWebhookEndpointResponse>> CreateWebhookEndpointAsync(string url, string? description, IReadOnlyList<string> eventTypes) =>
        CallAsync(c => c.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest
        {
            Url = url.Trim(), Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(), EventTypes = [.. eventTypes],
        }));

    public Task<ApiResult<WebhookTestResponse>> SendWebhookTestAsync(Guid id) => CallAsync(c => c.SendWebhookTestEventAsync(id));

    public Task<ApiResult<WebhookDeliveryResponseCursorPage>> ListWebhookDeliveriesAsync(Guid endpointId, string? cursor) =>
        CallAsync(c => c.ListWebhookDeliveriesAsync(endpointId, null, 50, cursor));

    public Task<ApiResult<WebhookDeliveryResponse>> RedeliverWebhookAsync(Guid deliveryId) => CallAsync(c => c.RedeliverWebhookAsync(deliveryId));

    public Task<ApiResult<AuditEntryResponseCursorPage>> ListAuditEntriesAsync(string? entityType, string? entityId, string? cursor) =>
        CallAsync(c => c.ListAuditEntriesAsync(Blank(entityType), Blank(entityId), 50, cursor));

    public Task<ApiResult<AdminUserResponseCursorPage>> ListUsersAsync(string? q, string? status, string? cursor) =>
        CallAsync(c => c.ListUsersAsync(Blank(q), Blank(status), 50, cursor));

    public Task<ApiResult<bool>> SetUserDisabledAsync(Guid id, bool disabled) =>
        CallAsync(async c => { await (disabled ? c.DisableUserAsync(id) : c.EnableUserAsync(id)); return true; });

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    // ---- end of members and access ----

    // ---- Gate scanner and live dashboard: calls that must survive a lost network report it as
    // ApiProblem.Offline instead of throwing, so the scanner can decide from its offline package. ----

    public Task<ApiResult<ScanResponse>> ScanAsync(Guid eventId, string code, string gate) =>
        Networked(() => CallAsync(c => c.ScanTicketAsync(new ScanRequest { EventId = eventId, Code = code, Gate = gate, ScannedAt = DateTimeOffset.UtcNow })));

    public Task<ApiResult<OfflinePackageResponse>> GetOfflinePackageAsync(Guid eventId) => Networked(() => CallAsync(c => c.GetOfflinePackageAsync(eventId)));

    public Task<ApiResult<ScanBatchResponse>> UploadScansAsync(Guid eventId, IReadOnlyList<OfflineScanRequest> scans) =>
        Networked(() => CallAsync(c => c.UploadScanBatchAsync(new ScanBatchRequest { DeviceBatchId = Guid.NewGuid().ToString(), EventId = eventId, Scans = [.. scans] })));

    public Task<ApiResult<CheckInCountsResponse>> GetCheckInCountsAsync(Guid eventId) => Networked(() => CallAsync(c => c.GetCheckInCountsAsync(eventId)));

    public Task<ApiResult<EventSummaryResponseCursorPage>> ListEventsOrOfflineAsync() => Networked(() => ListEventsAsync(null));

    public Task<ApiResult<EventResponse>> GetEventOrOfflineAsync(Guid id) => Networked(() => GetEventAsync(id));

    /// <summary>The live figures: the platform's (platform admins), the tenant's, or one event's with its inventory.</summary>
    public Task<ApiResult<LiveResponse>> GetLiveAsync(bool platform, Guid? eventId) =>
        Networked(() => CallAsync(c => platform ? c.GetPlatformLiveAsync() : c.GetLiveAsync(eventId)));

    private static async Task<ApiResult<T>> Networked<T>(Func<Task<ApiResult<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException)
        {
            // fetch failed: the browser is offline or the server unreachable.
            return new ApiResult<T>(default, ApiProblem.Offline);
        }
    }

    // ---- end scanner ----

    // --- Box office (Pages/BoxOffice): the sell screen's hold → quote → order → payment, each keyed so a double press
    // (or a retry after a dropped answer) replays the first answer instead of selling twice.
    public Task<ApiResult<EventSummaryResponseCursorPage>> ListOnSaleEventsAsync() => CallAsync(c => c.ListEventsAsync(EventStatus.OnSale, 100, null));

    public Task<ApiResult<HoldResponse>> BoxOfficeHoldAsync(string key, Guid eventId, Guid occurrenceId, IReadOnlyList<HoldLineRequest> lines) =>
        CallAsync(c => c.CreateHoldAsync(key, new CreateHoldRequest
        {
            EventId = eventId, OccurrenceId = occurrenceId, Lines = lines, Channel = SalesChannel.BoxOffice,
        }));

    public Task<ApiResult<QuoteResponse>> BoxOfficeQuoteAsync(Guid eventId, IReadOnlyList<QuoteRequestLine> lines) =>
        CallAsync(c => c.QuoteEventAsync(eventId, new QuoteRequest { Lines = lines, Channel = SalesChannel.BoxOffice }));

    public Task<ApiResult<OrderResponse>> BoxOfficeOrderAsync(string key, Guid holdId, string name, string email, string? phone) =>
        CallAsync(c => c.CreateOrderAsync(key, new CreateOrderRequest
        {
            HoldId = holdId, Buyer = new BuyerRequest { Name = name, Email = email, Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim() },
        }));

    public Task<ApiResult<OrderResponse>> BoxOfficePayAsync(string key, Guid orderId, bool cash, string? terminalReference) =>
        CallAsync(c => c.PayOrderAsync(orderId, key, new PayRequest
        {
            Method = cash ? PaymentMethod.Cash : PaymentMethod.CardTerminal, Reference = cash ? null : terminalReference?.Trim(),
        }));

    /// <summary>Gives the held tickets back at once (the buyer changed their mind) rather than at the hold's expiry.</summary>
    public Task<ApiResult<bool>> ReleaseHoldAsync(Guid holdId) => CallAsync(async c => { await c.ReleaseHoldAsync(holdId); return true; });

    public Task<ApiResult<byte[]>> TicketPdfAsync(Guid ticketId) => CallAsync(async c =>
    {
        using var file = await c.GetPrintableTicketPdfAsync(ticketId);
        using var bytes = new MemoryStream();
        await file.Stream.CopyToAsync(bytes);
        return bytes.ToArray();
    });
    /// <summary>The day's cash-up (the API shows a seller their own, supervisors and finance every seller); null date: the tenant's today.</summary>
    public Task<ApiResult<CashUpResponse>> GetCashUpAsync(DateOnly? date) =>
        CallAsync(c => c.GetCashUpAsync(date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null, null));

    /// <summary>Records the signed-in seller's counted cash for the day (a correction needs a note; the API audits it).</summary>
    public Task<ApiResult<CashUpResponse>> RecordCashCountAsync(DateTimeOffset date, long countedCash, string? note, bool correction) =>
        CallAsync(c => c.RecordCashCountAsync(new RecordCashCountRequest
        {
            Date = date, CountedCash = countedCash, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Correction = correction ? true : null,
        }));
    // --- end box office

    // --- post-event report
    public Task<ApiResult<PostEventReportResponse>> GetPostEventReportAsync(Guid eventId) => CallAsync(c => c.GetPostEventReportAsync(eventId, null));

    public Task<ApiResult<ReportNoteResponse>> AddPostEventReportNoteAsync(Guid eventId, string text) =>
        CallAsync(c => c.AddPostEventReportNoteAsync(eventId, new AddReportNoteRequest { Text = text }));

    /// <summary>The report as a PDF or HTML file in <paramref name="lang"/>, fetched with the person's token.</summary>
    public Task<ApiResult<byte[]>> PostEventReportFileAsync(Guid eventId, string format, string lang) => CallAsync(async c =>
    {
        if (format != "pdf")
        {
            return System.Text.Encoding.UTF8.GetBytes(await c.GetPostEventReportHtmlAsync(eventId, null, lang));
        }

        using var file = await c.GetPostEventReportPdfAsync(eventId, null, lang);
        using var bytes = new MemoryStream();
        await file.Stream.CopyToAsync(bytes);
        return bytes.ToArray();
    });
    // --- end post-event report

    // ---- Venues and seat-map editor (Pages/Venues). Edits send the venue's version as If-Match: a colleague's
    // concurrent edit comes back as 409 version_mismatch instead of being overwritten.
    public Task<ApiResult<VenueMapResponse>> GetVenueMapAsync(Guid id) => CallAsync(c => c.GetVenueMapAsync(id));

    public Task<ApiResult<PriceZoneResponse>> AddPriceZoneAsync(Guid venueId, string code, string name, string color) =>
        CallAsync(c => c.AddPriceZoneAsync(venueId, new PriceZoneRequest { Code = code.Trim(), Name = name.Trim(), Color = color }));

    public Task<ApiResult<SectionPreviewResponse>> PreviewSectionAsync(Guid venueId, SectionRequest section) =>
        CallAsync(c => c.PreviewVenueSectionAsync(venueId, section));

    public Task<ApiResult<SectionResponse>> AddSectionAsync(Guid venueId, SectionRequest section) =>
        CallAsync(c => c.AddVenueSectionAsync(venueId, section));

    public Task<ApiResult<bool>> DeleteSectionAsync(Guid venueId, Guid sectionId, long version) =>
        CallAsync(async c => { await c.DeleteVenueSectionAsync(venueId, sectionId, $"\"{version}\""); return true; });

    public Task<ApiResult<UpdateSeatsResponse>> UpdateSeatsAsync(Guid venueId, long version, UpdateSeatsRequest change) =>
        CallAsync(c => c.UpdateVenueSeatsAsync(venueId, $"\"{version}\"", change));

    public Task<ApiResult<VenueDocument>> ExportVenueAsync(Guid id) => CallAsync(c => c.ExportVenueAsync(id));

    public Task<ApiResult<VenueResponse>> ImportVenueAsync(VenueDocument document) => CallAsync(c => c.ImportVenueAsync(document));

    public Task<ApiResult<SectionViewResponse>> PutSectionViewAsync(Guid venueId, Guid sectionId, Stream image, string fileName, string contentType) =>
        CallAsync(c => c.PutSectionViewAsync(venueId, sectionId, new FileParameter(image, fileName, contentType)));
    // ---- end venues

    // ---- Event editor, pricing rules, vouchers and the quote preview (Pages/Events) ----
    public Task<ApiResult<EventResponse>> CreateEventAsync(CreateEventRequest request) => CallAsync(c => c.CreateEventAsync(request));

    /// <summary>Saves the basics with the version the person read (If-Match): a concurrent edit is 409, nothing overwritten.</summary>
    public Task<ApiResult<EventResponse>> UpdateEventAsync(Guid id, int version, UpdateEventRequest request) =>
        CallAsync(c => c.UpdateEventAsync(id, $"\"{version}\"", request));

    public Task<ApiResult<OccurrenceResponse>> AddOccurrenceAsync(Guid eventId, OccurrenceRequest request) =>
        CallAsync(c => c.AddEventOccurrenceAsync(eventId, request));

    public Task<ApiResult<EventResponse>> ReplaceSalesWindowsAsync(Guid eventId, IReadOnlyList<SalesWindowRequest> windows) =>
        CallAsync(c => c.ReplaceSalesWindowsAsync(eventId, new ReplaceSalesWindowsRequest { SalesWindows = [.. windows] }));

    public Task<ApiResult<QuotaResponse>> UpdateQuotaAsync(Guid eventId, Guid quotaId, string? name, int? capacity) =>
        CallAsync(c => c.UpdateQuotaAsync(eventId, quotaId, new UpdateQuotaRequest { Name = name, Capacity = capacity }));

    public Task<ApiResult<TicketTypeResponse>> AddTicketTypeAsync(Guid eventId, TicketTypeRequest request) =>
        CallAsync(c => c.AddTicketTypeAsync(eventId, request));

    public Task<ApiResult<TicketTypeResponse>> UpdateTicketTypeAsync(Guid eventId, Guid typeId, UpdateTicketTypeRequest request) =>
        CallAsync(c => c.UpdateTicketTypeAsync(eventId, typeId, request));

    public Task<ApiResult<bool>> RemoveTicketTypeAsync(Guid eventId, Guid typeId) =>
        CallAsync(async c => { await c.RemoveTicketTypeAsync(eventId, typeId); return true; });

    public Task<ApiResult<EventTicketSettingsResponse>> GetTicketSettingsAsync(Guid eventId) => CallAsync(c => c.GetEventTicketSettingsAsync(eventId));

    public Task<ApiResult<EventTicketSettingsResponse>> SetTicketSettingsAsync(Guid eventId, EventTicketSettingsRequest request) =>
        CallAsync(c => c.PutEventTicketSettingsAsync(eventId, request));

    public Task<ApiResult<CheckInSettingsResponse>> GetCheckInSettingsAsync(Guid eventId) => CallAsync(c => c.GetCheckInSettingsAsync(eventId));

    public Task<ApiResult<CheckInSettingsResponse>> SetCheckInSettingsAsync(Guid eventId, bool allowReEntry) =>
        CallAsync(c => c.UpdateCheckInSettingsAsync(eventId, new CheckInSettingsRequest { AllowReEntry = allowReEntry }));

    /// <summary>The rules that apply to an event: its own and the tenant-wide ones (the API's eventId filter).</summary>
    public Task<ApiResult<PricingRuleResponseCursorPage>> ListPricingRulesAsync(Guid eventId) => CallAsync(c => c.ListPricingRulesAsync(null, null, eventId, 200, null));

    public Task<ApiResult<PricingRuleResponse>> CreatePricingRuleAsync(PricingRuleRequest request) => CallAsync(c => c.CreatePricingRuleAsync(request));

    public Task<ApiResult<PricingRuleResponse>> ReplacePricingRuleAsync(Guid id, int version, PricingRuleRequest request) =>
        CallAsync(c => c.ReplacePricingRuleAsync(id, $"\"{version}\"", request));

    public Task<ApiResult<VoucherResponseCursorPage>> ListVouchersAsync(string? cursor) => CallAsync(c => c.ListVouchersAsync(null, null, 200, cursor));

    public Task<ApiResult<VoucherResponse>> CreateVoucherAsync(VoucherRequest request) => CallAsync(c => c.CreateVoucherAsync(request));

    public Task<ApiResult<BulkVoucherResponse>> CreateVouchersInBulkAsync(BulkVoucherRequest request) => CallAsync(c => c.CreateVouchersInBulkAsync(request));

    public Task<ApiResult<VoucherResponse>> ReplaceVoucherAsync(Guid id, int version, VoucherRequest request) =>
        CallAsync(c => c.ReplaceVoucherAsync(id, $"\"{version}\"", request));

    /// <summary>The quote preview: the API prices the chosen lines for the web (the storefront's price) with an optional code.</summary>
    public Task<ApiResult<QuoteResponse>> PreviewQuoteAsync(Guid eventId, IReadOnlyList<QuoteRequestLine> lines, string? promoCode) =>
        CallAsync(c => c.QuoteEventAsync(eventId, new QuoteRequest
        {
            Lines = [.. lines], Channel = SalesChannel.Web, PromoCode = string.IsNullOrWhiteSpace(promoCode) ? null : promoCode.Trim(),
        }));
    // ---- end event editor ----

    // ---- Reports, analytics and finance (Pages/Reports, Pages/Finance). Dates are the tenant's calendar days; the SDK
    // sends them as yyyy-MM-dd. Exports come back as the file's bytes for the browser to save. ----
    private static DateTimeOffset? Day(DateOnly? d) => d is { } v ? new DateTimeOffset(v.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    public Task<ApiResult<SalesReportResponse>> GetSalesReportAsync(string groupBy, DateOnly? from, DateOnly? to, Guid? eventId) =>
        CallAsync(c => c.GetSalesReportAsync(groupBy, Day(from), Day(to), eventId));

    public Task<ApiResult<RefundReportResponse>> GetRefundReportAsync(DateOnly? from, DateOnly? to, Guid? eventId) =>
        CallAsync(c => c.GetRefundReportAsync(Day(from), Day(to), eventId));

    public Task<ApiResult<VoucherReportResponse>> GetVoucherReportAsync(DateOnly? from, DateOnly? to, Guid? eventId) =>
        CallAsync(c => c.GetVoucherReportAsync(Day(from), Day(to), eventId));

    public Task<ApiResult<CheckInReportResponse>> GetCheckInReportAsync(Guid? eventId) => CallAsync(c => c.GetCheckInReportAsync(eventId));

    /// <summary>A report as CSV or XLSX: "sales" (grouped by <paramref name="groupBy"/>), "refunds", "vouchers", "check-ins" or "journal".</summary>
    public Task<ApiResult<byte[]>> ExportAsync(string report, string format, string? groupBy, DateOnly? from, DateOnly? to, Guid? eventId) =>
        CallAsync(async c =>
        {
            using var file = await (report switch
            {
                "sales" => c.ExportSalesReportAsync(groupBy, Day(from), Day(to), eventId, format),
                "refunds" => c.ExportRefundReportAsync(Day(from), Day(to), eventId, format),
                "vouchers" => c.ExportVoucherReportAsync(Day(from), Day(to), eventId, format),
                "check-ins" => c.ExportCheckInReportAsync(eventId, format),
                "journal" => c.ExportJournalAsync(Day(from), Day(to), format),
                _ => throw new ArgumentOutOfRangeException(nameof(report), report, null),
            });
            using var bytes = new MemoryStream();
            await file.Stream.CopyToAsync(bytes);
            return bytes.ToArray();
        });

    public Task<ApiResult<HeatMapResponse>> GetHeatMapAsync(DateOnly? from, DateOnly? to, Guid? eventId) =>
        CallAsync(c => c.GetPurchaseHeatMapAsync(Day(from), Day(to), eventId));

    public Task<ApiResult<ConversionFunnelResponse>> GetFunnelAsync(DateOnly? from, DateOnly? to, Guid? eventId) =>
        CallAsync(c => c.GetConversionFunnelAsync(Day(from), Day(to), eventId));

    public Task<ApiResult<RefundReasonTrendResponse>> GetRefundReasonTrendAsync(DateOnly? from, DateOnly? to, Guid? eventId, string interval) =>
        CallAsync(c => c.GetRefundReasonTrendAsync(Day(from), Day(to), eventId, interval));

    public Task<ApiResult<SalesVelocityResponse>> GetSalesVelocityAsync(Guid eventId, int minutes) => CallAsync(c => c.GetSalesVelocityAsync(eventId, minutes));

    public Task<ApiResult<DailyCloseResponse>> GetDailyCloseAsync(DateOnly? from, DateOnly? to) => CallAsync(c => c.GetDailyCloseAsync(Day(from), Day(to)));

    /// <summary>Every seller's box-office day (finance, owners and admins read all sellers).</summary>
    public Task<ApiResult<CashUpResponse>> GetSellersDayAsync(DateOnly? date) => CallAsync(c => c.GetCashUpAsync(Day(date), null));

    public Task<ApiResult<ReconciliationResponse>> GetReconciliationAsync() => CallAsync(c => c.GetPaymentReconciliationAsync());

    public Task<ApiResult<ChartOfAccountsResponse>> GetChartOfAccountsAsync() => CallAsync(c => c.GetChartOfAccountsAsync());

    public Task<ApiResult<ChartOfAccountsResponse>> SetChartOfAccountsAsync(IReadOnlyDictionary<string, string> accounts) =>
        CallAsync(c => c.SetChartOfAccountsAsync(new ChartOfAccountsRequest { Accounts = accounts.ToDictionary(a => a.Key, a => a.Value) }));
    // Stripe's side (ADR 0059): the provider reconciliation and "sync now".
    public Task<ApiResult<ProviderReconciliationResponse>> GetProviderReconciliationAsync(DateOnly? from, DateOnly? to) =>
        CallAsync(c => c.GetProviderReconciliationAsync(Day(from), Day(to)));

    public Task<ApiResult<ProviderSyncStartedResponse>> SyncProviderLedgerAsync() => CallAsync(c => c.SyncProviderLedgerAsync());
    // ---- end reports and finance ----

    // ---- Anti-scalping (review queue, block list, policy; policy tenant-admin) ----
    public Task<ApiResult<OrderReviewResponseCursorPage>> ListOrderReviewsAsync(string status, string? cursor) =>
        CallAsync(c => c.ListOrderReviewsAsync(status, 50, cursor));

    public Task<ApiResult<OrderReviewResponse>> ApproveOrderReviewAsync(Guid orderId, string? note) =>
        CallAsync(c => c.ApproveOrderReviewAsync(orderId, new ReviewVerdictRequest { Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() }));

    public Task<ApiResult<OrderReviewResponse>> RejectOrderReviewAsync(Guid orderId, string? note) =>
        CallAsync(c => c.RejectOrderReviewAsync(orderId, new ReviewVerdictRequest { Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() }));

    public Task<ApiResult<RiskBlockResponseCursorPage>> ListRiskBlocksAsync(string? cursor) => CallAsync(c => c.ListRiskBlocksAsync(50, cursor));

    public Task<ApiResult<RiskBlockResponse>> AddRiskBlockAsync(string kind, string value, string? note) =>
        CallAsync(c => c.AddRiskBlockAsync(new RiskBlockRequest { Kind = kind, Value = value, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() }));

    public async Task<ApiResult<bool>> RemoveRiskBlockAsync(Guid id) => await CallAsync(async c =>
    {
        await c.RemoveRiskBlockAsync(id);
        return true;
    });

    public Task<ApiResult<RiskSettingsResponse>> GetRiskSettingsAsync() => CallAsync(c => c.GetRiskSettingsAsync());

    public Task<ApiResult<RiskSettingsResponse>> PutRiskSettingsAsync(string action, float threshold, bool blockDisposableEmail, float? challengeThreshold = null) =>
        CallAsync(c => c.PutRiskSettingsAsync(new RiskSettingsRequest
        {
            Action = action, Threshold = threshold, BlockDisposableEmail = blockDisposableEmail, ChallengeThreshold = challengeThreshold,
        }));
    // ---- end anti-scalping ----
    // ---- Legacy import (Pages/Import): upload, mapping, dry run, start, progress, rejects, templates ----
    /// <summary>Sends the file's bytes as the request body; the API detects the encoding (UTF-8, BOM, GBK) and reads the format from the name.</summary>
    public Task<ApiResult<ImportJobResponse>> UploadImportAsync(byte[] content, string fileName) => CallAsync(c =>
    {
        var xlsx = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        var type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
        return c.UploadImportAsync(fileName, xlsx ? "xlsx" : "csv", null, new FileParameter(new MemoryStream(content), fileName, type));
    });

    public Task<ApiResult<IReadOnlyList<ImportJobResponse>>> ListImportsAsync() => CallAsync(c => c.ListImportsAsync());

    public Task<ApiResult<ImportJobResponse>> GetImportAsync(Guid id) => CallAsync(c => c.GetImportAsync(id));

    public Task<ApiResult<ImportMappingResponse>> GetImportMappingAsync() => CallAsync(c => c.GetImportMappingAsync());

    public Task<ApiResult<ImportMappingResponse>> PutImportMappingAsync(IReadOnlyDictionary<string, string> columns, IReadOnlyDictionary<string, Guid> ticketTypes,
        bool keepLegacyCodes) =>
        CallAsync(c => c.PutImportMappingAsync(new ImportMappingRequest
        {
            Columns = columns.ToDictionary(x => x.Key, x => x.Value), TicketTypes = ticketTypes.ToDictionary(x => x.Key, x => x.Value), KeepLegacyCodes = keepLegacyCodes,
        }));

    /// <summary>The dry run's totals and one page of its verdicts (ADR 0068): <paramref name="offset"/>, <paramref name="limit"/>, and only <paramref name="outcome"/>'s rows when given.</summary>
    public Task<ApiResult<ImportDryRunResponse>> DryRunImportAsync(Guid id, int sample, bool random, int? seed, int offset, int limit, string? outcome) =>
        CallAsync(c => c.DryRunImportAsync(id, new ImportDryRunRequest
        {
            Sample = sample, Mode = random ? "random" : "first", Seed = random ? seed : null, Offset = offset, Limit = limit, Outcome = outcome,
        }));

    public Task<ApiResult<ImportJobResponse>> StartImportAsync(Guid id) => CallAsync(c => c.StartImportAsync(id));

    public Task<ApiResult<byte[]>> ImportRejectsAsync(Guid id) => CallAsync(async c => await BytesAsync(await c.GetImportRejectsAsync(id)));

    public Task<ApiResult<byte[]>> ImportTemplateAsync(string format) => CallAsync(async c => await BytesAsync(await c.GetImportTemplateAsync(format)));

    private static async Task<byte[]> BytesAsync(FileResponse file)
    {
        using (file)
        {
            using var bytes = new MemoryStream();
            await file.Stream.CopyToAsync(bytes);
            return bytes.ToArray();
        }
    }
    // ---- end legacy import ----

    // ---- Waiting room (Pages/WaitingRoom): the room's figures (events-read) and the promoter's live changes (events-write) ----
    /// <summary>The room's settings and figures; polled, so a lost network is <see cref="ApiProblem.Offline"/> rather than an exception.</summary>
    public Task<ApiResult<RoomResponse>> GetWaitingRoomAsync(Guid eventId) => Networked(() => CallAsync(c => c.GetWaitingRoomAsync(eventId)));

    /// <summary>Switches the room on (or arms it) with these settings, or changes them live.</summary>
    public Task<ApiResult<RoomResponse>> PutWaitingRoomAsync(Guid eventId, RoomRequest request) => CallAsync(c => c.PutWaitingRoomAsync(eventId, request));

    /// <summary>"pause", "resume" or "close" (the API answers 409 when the room is not on).</summary>
    public Task<ApiResult<RoomResponse>> SetWaitingRoomStateAsync(Guid eventId, string verb) => CallAsync(c => verb switch
    {
        "pause" => c.PauseWaitingRoomAsync(eventId),
        "resume" => c.ResumeWaitingRoomAsync(eventId),
        "close" => c.CloseWaitingRoomAsync(eventId),
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
    });

    /// <summary>Replaces the room's member list with the text (one address a line, or CSV); the API stores salted hashes only.</summary>
    public Task<ApiResult<MemberListResponse>> PutWaitingRoomMembersAsync(Guid eventId, string list) =>
        CallAsync(c => c.PutWaitingRoomMembersAsync(eventId, new MemberListRequest { List = list }));

    public Task<ApiResult<bool>> ClearWaitingRoomMembersAsync(Guid eventId) => CallAsync(async c => { await c.DeleteWaitingRoomMembersAsync(eventId); return true; });
    // ---- end waiting room ----

    private async Task<ApiResult<T>> CallAsync<T>(Func<PlatformClient, Task<T>> call)
    {
        try
        {
            return new ApiResult<T>(await call(client), null);
        }
        catch (PlatformApiException e)
        {
            return new ApiResult<T>(default, ApiProblem.From(e));
        }
        catch (SessionExpiredException)
        {
            // The browser is already on its way to sign-in and back here: nothing to show meanwhile.
            return new ApiResult<T>(default, new ApiProblem(401, "…", null, new Dictionary<string, string[]>()));
        }
    }
}
