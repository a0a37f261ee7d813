// The waiting room: polls the cheap position endpoint (its answer is cacheable for a second, so a flood of tabs
// costs little) every few seconds and, once admitted, submits "Continue", which claims the pass. Without this script
// the page refreshes itself and "Continue" works by hand.
(function () {
  "use strict";
  var room = document.querySelector("[data-room-api]");
  if (!room) { return; }
  var api = room.getAttribute("data-room-api");
  var position = room.querySelector("[data-room-position]");
  var wait = room.querySelector("[data-room-wait]");
  var form = room.querySelector("form[data-room-continue]");

  function format(text, value) { return text.replace("{0}", String(value)); }

  function show(p) {
    var texts = { waiting: "data-text-waiting", paused: "data-text-paused", awaiting_release: "data-text-release",
      before_opening: "data-text-before", admitted: "data-text-admitted" };
    room.setAttribute("data-room-state", p.state);
    position.textContent = format(position.getAttribute(texts[p.state] || "data-text-waiting"), p.position || 0);
    if (p.estimatedWaitSeconds === null || p.estimatedWaitSeconds === undefined) {
      wait.textContent = "";
    } else if (p.estimatedWaitSeconds < 120) {
      wait.textContent = format(wait.getAttribute("data-text"), p.estimatedWaitSeconds);
    } else {
      wait.textContent = format(wait.getAttribute("data-text-minutes"), Math.ceil(p.estimatedWaitSeconds / 60));
    }
  }

  function poll() {
    fetch(api + "/position", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) { setTimeout(poll, 5000); return; }
        if (p.state === "off") { location.href = location.pathname.replace(/\/room$/, ""); return; }
        show(p);
        if (p.state === "admitted") {
          form.querySelector("button").removeAttribute("disabled");
          form.submit();
          return;
        }
        setTimeout(poll, p.state === "waiting" && p.estimatedWaitSeconds > 60 ? 5000 : 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }

  if (room.getAttribute("data-room-state") === "admitted") {
    form.submit();
  } else {
    setTimeout(poll, 1000);
  }
})();
