// The storefront's only script (no framework): countdowns, one submit per form, and
// releasing a hold when the buyer leaves checkout through the page's own links. Every page works without it.
(function () {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick(el) {
    var end = Date.parse(el.getAttribute("data-countdown"));
    var left = Math.max(0, Math.floor((end - Date.now()) / 1000));
    if (left === 0) {
      el.textContent = el.getAttribute("data-done") || "";
      if (el.getAttribute("data-reload") === "true" && !el.hasAttribute("data-reloaded")) {
        el.setAttribute("data-reloaded", "");
        setTimeout(function () { location.reload(); }, 1500);
      }
      return false;
    }
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    el.textContent = (d > 0 ? d + "d " : "") + (d > 0 || h > 0 ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
    return true;
  }

  function countdowns() {
    var els = document.querySelectorAll("[data-countdown]");
    els.forEach(function (el) {
      if (tick(el)) {
        var t = setInterval(function () { if (!tick(el)) { clearInterval(t); } }, 1000);
      }
    });
  }

  // A second click (or Enter) while the first submit is on its way does nothing: the server is idempotent anyway.
  function submitOnce() {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (form.hasAttribute("data-submitting")) { e.preventDefault(); return; }
        form.setAttribute("data-submitting", "");
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-busy", "true"); });
      });
    });
  }

  // Leaving checkout through a link of the page releases the hold at once (a beacon with the page's antiforgery token).
  function releaseOnLeave() {
    var release = document.querySelector("[data-release]");
    if (!release) { return; }
    var form = release.form;
    var target = release.getAttribute("formaction");
    document.querySelectorAll("a[href]").forEach(function (a) {
      a.addEventListener("click", function () {
        if (target && navigator.sendBeacon) { navigator.sendBeacon(target, new FormData(form)); }
      });
    });
  }

  // A tenant's logo host that does not answer must not leave a broken-image icon in the header: hide the image
  // (the shop's name is beside it). It may have failed before this script ran, hence the complete/naturalWidth check.
  function logos() {
    document.querySelectorAll("img.logo").forEach(function (img) {
      function hide() { img.hidden = true; }
      if (img.complete && img.naturalWidth === 0) { hide(); } else { img.addEventListener("error", hide); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    logos();
    countdowns();
    submitOnce();
    releaseOnLeave();
  });
})();
