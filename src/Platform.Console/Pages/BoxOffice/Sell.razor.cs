using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Console.Services;
using Ticketing.Platform.Sdk;

namespace Platform.Console.Pages.BoxOffice;

/// <summary>
/// The sell screen's steps. A sale is one <see cref="saleKey"/>: the hold, order and payment POSTs send keys derived
/// from it, so a second press (or a retry after a lost answer) gets the first answer back, never a second sale. A step
/// that answered a problem gets a fresh key for the corrected request (the API refuses a key reused with another body).
/// </summary>
public partial class Sell
{
    private static readonly Audience[] Audiences = [Audience.Adult, Audience.Child, Audience.Senior, Audience.Student];

    private MudAutocomplete<EventSummaryResponse>? eventField;
    private List<EventSummaryResponse>? events;
    private EventSummaryResponse? chosen;
    private EventResponse? detail;
    private Guid occurrenceId;
    private List<TicketTypeResponse> types = [];
    private int[,] quantities = new int[0, 0];
    private Guid?[] sections = [];
    private HoldResponse? held;
    private QuoteResponse? quote;
    private OrderResponse? placed, sold;
    private (long Tendered, long Change)? tenders;
    private IReadOnlyList<TicketResponse> tickets = [];
    private Dictionary<Guid, string> ticketUrls = [];
    private ApiProblem? loadProblem, holdProblem, payProblem;
    private string? buyerName, buyerEmail, buyerPhone, tendered, terminalReference;
    private bool cash = true, busy;
    private string saleKey = NewKey();
    private int holdAttempt, orderAttempt, payAttempt;

    private int TotalQuantity => quantities.Cast<int>().Sum();

    private long? TenderedMinor => quote is null ? null : Display.ToMinor(tendered, quote.Currency);

    private long? ChangeDue => TenderedMinor is { } t && quote is not null && t >= quote.Total ? t - quote.Total : null;

    private string? TenderError => string.IsNullOrWhiteSpace(tendered) || quote is null ? null
        : TenderedMinor is not { } t ? B["TenderedNotAmount"].Value
        : t < quote.Total ? B["TenderedTooLittle", Display.Money(quote.Total - t, quote.Currency)].Value : null;

    private static string NewKey() => "bo-" + Guid.NewGuid().ToString("N");

    /// <summary>The on-sale events, loading: a seller who types before they arrive is answered once they have.</summary>
    private Task loadingEvents = Task.CompletedTask;

    protected override Task OnInitializedAsync()
    {
        if (!Session.CanSell())
        {
            return Task.CompletedTask;
        }

        loadingEvents = LoadEventsAsync();
        return loadingEvents;
    }

    private async Task LoadEventsAsync()
    {
        var list = await Api.ListOnSaleEventsAsync();
        loadProblem = list.Problem;
        events = list.Value is { } page ? [.. page.Data] : null;
    }

    private async Task<IEnumerable<EventSummaryResponse>> SearchEvents(string? text, CancellationToken _)
    {
        await loadingEvents;
        return (events ?? []).Where(e => string.IsNullOrWhiteSpace(text) || e.Title.Contains(text.Trim(), StringComparison.CurrentCultureIgnoreCase));
    }

    private async Task ChooseEventAsync(EventSummaryResponse? value)
    {
        chosen = value;
        detail = null;
        holdProblem = null;
        if (value is null)
        {
            return;
        }

        var loaded = await Api.GetEventAsync(value.Id);
        loadProblem = loaded.Problem;
        if (loaded.Value is not { } ev)
        {
            return;
        }

        detail = ev;
        // The next date that has not ended: the one a walk-up buyer most likely wants.
        occurrenceId = (ev.Occurrences.Where(o => o.EndsAt > DateTimeOffset.UtcNow).OrderBy(o => o.StartsAt).FirstOrDefault() ?? ev.Occurrences.FirstOrDefault())?.Id ?? Guid.Empty;
        types = [.. ev.TicketTypes.Where(t => t.Channels.Any(c => Display.Wire(c) == "box_office"))];
        quantities = new int[types.Count, Audiences.Length];
        sections = [.. types.Select(t => ev.Quotas.FirstOrDefault(q => q.Id == t.QuotaId && q.SectionId is not null)?.SectionId
                                         ?? ev.Quotas.FirstOrDefault(q => q.SectionId is not null)?.SectionId)];
    }

    /// <summary>Holds the chosen tickets on the box-office channel, then asks the API to price exactly what is held.</summary>
    private async Task ReviewAsync()
    {
        if (busy || detail is null || TotalQuantity == 0)
        {
            return;
        }

        busy = true;
        var lines = new List<HoldLineRequest>();
        for (var row = 0; row < types.Count; row++)
        {
            for (var col = 0; col < Audiences.Length; col++)
            {
                if (quantities[row, col] > 0)
                {
                    var seated = Display.Wire(types[row].Kind) == "seated";
                    lines.Add(new HoldLineRequest
                    {
                        TicketTypeId = types[row].Id, Quantity = quantities[row, col], Audience = Audiences[col], SectionId = seated ? sections[row] : null,
                    });
                }
            }
        }

        var hold = await Api.BoxOfficeHoldAsync($"{saleKey}-hold-{holdAttempt}", detail.Id, occurrenceId, lines);
        holdProblem = hold.Problem;
        if (hold.Value is { } h)
        {
            var priced = await Api.BoxOfficeQuoteAsync(detail.Id,
                [.. h.Lines.Select(l => new QuoteRequestLine { TicketTypeId = l.TicketTypeId, PriceZoneId = l.PriceZoneId, Audience = l.Audience ?? Audience.Adult, Quantity = l.Quantity })]);
            holdProblem = priced.Problem;
            (held, quote) = (h, priced.Value);
            if (quote is null)
            {
                // Without a price nothing can be sold: give the tickets back and stay on the quantities.
                await Api.ReleaseHoldAsync(h.Id);
                held = null;
                holdAttempt++;
            }
        }
        else
        {
            holdAttempt++;
        }

        busy = false;
    }

    /// <summary>Places the order from the hold and records the payment; both keyed, so pressing twice sells once.</summary>
    private async Task PayAsync()
    {
        if (busy || held is null || quote is null)
        {
            return;
        }

        if (cash && (TenderedMinor is not { } t || t < quote.Total))
        {
            tendered ??= "";
            return;
        }

        busy = true;
        payProblem = null;
        if (placed is null)
        {
            var order = await Api.BoxOfficeOrderAsync($"{saleKey}-order-{orderAttempt}", held.Id, buyerName?.Trim() ?? "", buyerEmail?.Trim() ?? "", buyerPhone);
            payProblem = order.Problem;
            placed = order.Value;
            orderAttempt += order.Problem is null ? 0 : 1;
        }

        if (placed is not null)
        {
            var paid = await Api.BoxOfficePayAsync($"{saleKey}-pay-{payAttempt}", placed.Id, cash, terminalReference);
            payProblem = paid.Problem;
            payAttempt += paid.Problem is null ? 0 : 1;
            if (paid.Value is { } order)
            {
                sold = order;
                tenders = cash ? (TenderedMinor!.Value, TenderedMinor.Value - order.Total) : null;
                await LoadTicketsAsync(order.Id);
            }
        }

        busy = false;
    }

    /// <summary>The sold tickets with a PDF link each: the PDF is fetched with the person's token and opened from a blob URL.</summary>
    private async Task LoadTicketsAsync(Guid orderId)
    {
        var list = await Api.ListOrderTicketsAsync(orderId);
        tickets = list.Value?.Data ?? [];
        foreach (var ticket in tickets)
        {
            if ((await Api.TicketPdfAsync(ticket.Id)).Value is { } pdf)
            {
                ticketUrls[ticket.Id] = await JS.InvokeAsync<string>("platformConsole.pdfUrl", pdf);
            }
        }
    }

    /// <summary>Back to the quantities: the held tickets go back on sale now rather than at the hold's expiry.</summary>
    private async Task CancelHeldAsync()
    {
        if (held is not null && placed is null)
        {
            await Api.ReleaseHoldAsync(held.Id);
        }

        (held, quote, placed, payProblem) = (null, null, null, null);
        saleKey = NewKey();
        (holdAttempt, orderAttempt, payAttempt) = (0, 0, 0);
    }

    private async Task NextSaleAsync()
    {
        foreach (var url in ticketUrls.Values)
        {
            await JS.InvokeVoidAsync("URL.revokeObjectURL", url);
        }

        (held, quote, placed, sold, tenders, detail, chosen) = (null, null, null, null, null, null, null);
        (tickets, ticketUrls, types, quantities, sections) = ([], [], [], new int[0, 0], []);
        (buyerName, buyerEmail, buyerPhone, tendered, terminalReference, cash) = (null, null, null, null, null, true);
        (holdProblem, payProblem) = (null, null);
        saleKey = NewKey();
        (holdAttempt, orderAttempt, payAttempt) = (0, 0, 0);
        StateHasChanged();
        // The autocomplete is rendered again after the sold panel is gone: focus it on the next render.
        focusEvent = true;
    }

    private bool focusEvent;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusEvent && eventField is not null)
        {
            focusEvent = false;
            await eventField.FocusAsync();
        }
    }

    private string TypeName(Guid id) => types.FirstOrDefault(t => t.Id == id)?.Name ?? id.ToString()[..8];
}
