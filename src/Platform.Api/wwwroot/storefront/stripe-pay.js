// The pay page's Payment Element (issue #14). Stripe.js is loaded from Stripe by the page; this mounts the element on
// the PaymentIntent's client secret and confirms it. Stripe then redirects to the order page (return_url), which asks
// Stripe server-side whether the payment succeeded: nothing here marks an order paid.
(function () {
  'use strict';
  var form = document.getElementById('stripe-pay');
  if (!form) return;
  var error = document.getElementById('payment-error');
  var submit = form.querySelector('button[type=submit]');
  var d = form.dataset;

  function start() {
    if (typeof window.Stripe !== 'function') {
      error.textContent = d.unavailable; // Stripe.js did not load (offline, blocked): say so, never fall back to a card field here.
      return;
    }
    var options = { locale: d.locale };
    if (d.stripeAccount) options.stripeAccount = d.stripeAccount;
    var stripe = window.Stripe(d.publishableKey, options);
    var primary = getComputedStyle(document.documentElement).getPropertyValue('--brand').trim();
    var elements = stripe.elements({ clientSecret: d.clientSecret, appearance: primary ? { variables: { colorPrimary: primary } } : {} });
    var payment = elements.create('payment', { layout: 'tabs' });
    var host = document.getElementById('payment-element');
    host.textContent = '';
    payment.mount(host);
    payment.on('ready', function () { submit.disabled = false; });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true; // one confirmation at a time; the intent is the same on every try anyway
      error.textContent = '';
      stripe.confirmPayment({ elements: elements, confirmParams: { return_url: d.returnUrl } }).then(function (result) {
        // Only reached when Stripe did not redirect: a decline or invalid details, shown in Stripe's words.
        if (result && result.error) error.textContent = result.error.message || d.unavailable;
        submit.disabled = false;
      });
    });
  }

  if (document.readyState === 'complete') start(); else window.addEventListener('load', start);
})();
