using System.Net.Http.Headers;
using Microsoft.Playwright;
using Platform.IntegrationTests.Payments.Stripe;

namespace Platform.BrowserTests;

/// <summary>
/// Stripe.js cannot be loaded on this machine (no internet), so the browser tests answer its two hosts themselves:
/// https://js.stripe.com/v3/ with a stand-in for the documented part of Stripe.js the pay page uses
/// (<c>Stripe(key, { stripeAccount, locale })</c>, <c>elements({ clientSecret })</c>, <c>create('payment')</c>,
/// <c>mount</c>, <c>on('ready')</c>, <c>confirmPayment({ elements, confirmParams: { return_url } })</c>), and
/// https://api.stripe.com by forwarding to the tests' Stripe API stand-in, which checks the confirmation as Stripe does
/// (publishable key of the intent's account, client secret, connected account). The element is a plain card-number
/// input: 4242… confirms with pm_card_visa, 4000 0000 0000 0002 with pm_card_chargeDeclined. Everything the platform
/// does — the page, its CSP, the keys it hands out, the return and the server-side check — is the real thing.
/// </summary>
internal static class StripeJsDouble
{
    private const string Script = """
        (function () {
          window.__stripeJs = { loads: 0, options: null, key: null, clientSecret: null };
          window.Stripe = function (key, options) {
            window.__stripeJs.loads++; window.__stripeJs.key = key; window.__stripeJs.options = options || {};
            var account = (options || {}).stripeAccount;
            return {
              elements: function (opts) {
                window.__stripeJs.clientSecret = opts.clientSecret;
                var input;
                var elements = {
                  create: function (type) {
                    var handlers = {};
                    return {
                      mount: function (host) {
                        var el = typeof host === 'string' ? document.querySelector(host) : host;
                        var label = document.createElement('label');
                        label.textContent = 'Card number (Stripe)';
                        input = document.createElement('input');
                        input.setAttribute('data-testid', 'stripe-card'); input.inputMode = 'numeric';
                        label.appendChild(input); el.appendChild(label);
                        setTimeout(function () { (handlers.ready || function () {})(); }, 0);
                      },
                      on: function (name, fn) { handlers[name] = fn; }
                    };
                  }
                };
                elements.card = function () { return input ? input.value.replace(/\s/g, '') : ''; };
                return elements;
              },
              confirmPayment: function (args) {
                var secret = window.__stripeJs.clientSecret;
                var id = secret.split('_secret_')[0];
                var body = new URLSearchParams({ key: key, client_secret: secret, return_url: args.confirmParams.return_url,
                  payment_method: args.elements.card() === '4000000000000002' ? 'pm_card_chargeDeclined' : 'pm_card_visa' });
                if (account) body.set('_stripe_account', account);
                return fetch('https://api.stripe.com/v1/payment_intents/' + id + '/confirm', { method: 'POST', body: body })
                  .then(function (r) { return r.json(); })
                  .then(function (json) {
                    if (json.error) return { error: json.error };
                    var sep = args.confirmParams.return_url.indexOf('?') < 0 ? '?' : '&';
                    window.location.assign(args.confirmParams.return_url + sep + 'payment_intent=' + id +
                      '&payment_intent_client_secret=' + encodeURIComponent(secret) + '&redirect_status=' + json.status);
                    return new Promise(function () {});
                  });
              }
            };
          };
        })();
        """;

    private static readonly HttpClient Forwarder = new();

    public static async Task InstallAsync(IBrowserContext context, StripeStandIn standIn)
    {
        await context.RouteAsync("https://js.stripe.com/v3/", route => route.FulfillAsync(new() { ContentType = "application/javascript", Body = Script }));
        await context.RouteAsync("https://api.stripe.com/**", async route =>
        {
            var request = route.Request;
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), standIn.ApiBase + new Uri(request.Url).PathAndQuery);
            if (request.PostDataBuffer is { } body)
            {
                forward.Content = new ByteArrayContent(body);
                forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.Headers.GetValueOrDefault("content-type", "application/x-www-form-urlencoded"));
            }

            using var answer = await Forwarder.SendAsync(forward);
            await route.FulfillAsync(new()
            {
                Status = (int)answer.StatusCode,
                ContentType = "application/json",
                Body = await answer.Content.ReadAsStringAsync(),
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
            });
        });
    }
}
