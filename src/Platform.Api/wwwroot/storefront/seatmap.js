// The seat map (reserved seating), loaded only on the seats page. No framework. Without it the page still offers
// "best available"; with it: click/tap or keyboard (arrows, Space/Enter) to choose seats, zoom and pan (buttons,
// wheel, drag, pinch), and a poll of the public availability endpoint (≤ 1 s old, ETag) that repaints taken seats.
(function () {
  "use strict";

  function init(form) {
    var svg = form.querySelector("svg.seatmap");
    if (!svg) { return; }
    var seats = Array.prototype.slice.call(svg.querySelectorAll(".seat"));
    var inputs = form.querySelector("[data-seat-inputs]");
    var out = form.querySelector("[data-chosen]");
    var max = parseInt(form.getAttribute("data-max"), 10) || 10;
    // How the language lists seats: ", " in English, "、" in Chinese (from the page's texts).
    var separator = form.getAttribute("data-separator") || ", ";
    var byId = {};
    seats.forEach(function (s) { byId[s.getAttribute("data-seat")] = s; });
    form.querySelectorAll("[data-map-tools]").forEach(function (el) { el.hidden = false; });

    function name(seat) {
      return form.getAttribute("data-seat-format").replace("{r}", seat.parentNode.getAttribute("data-row")).replace("{s}", seat.getAttribute("data-s"));
    }
    function chosen() { return seats.filter(function (s) { return s.classList.contains("chosen"); }); }
    function render(note) {
      var list = chosen();
      inputs.textContent = "";
      list.forEach(function (s) {
        var i = document.createElement("input");
        i.type = "hidden"; i.name = "seat"; i.value = s.getAttribute("data-seat");
        inputs.appendChild(i);
      });
      var text = list.length ? form.getAttribute("data-chosen-format").replace("{s}", list.map(name).join(separator)) : "";
      out.textContent = (note ? note + " " : "") + text;
    }
    function toggle(seat) {
      if (!seat || seat.getAttribute("aria-disabled") === "true") { return; }
      var on = !seat.classList.contains("chosen");
      if (on && chosen().length >= max) { return; }
      seat.classList.toggle("chosen", on);
      seat.setAttribute("aria-checked", on ? "true" : "false");
      render();
    }
    function focus(seat) {
      if (!seat) { return; }
      seats.forEach(function (s) { s.setAttribute("tabindex", "-1"); });
      seat.setAttribute("tabindex", "0");
      seat.focus();
    }
    function center(seat) {
      var b = seat.getBBox();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    // Up/down: the seat of the neighbouring row nearest to this one on the map.
    function nearestIn(row, from) {
      if (!row) { return null; }
      var c = center(from), best = null, bestD = Infinity;
      row.querySelectorAll(".seat").forEach(function (s) {
        var p = center(s), d = Math.pow(p.x - c.x, 2) + Math.pow(p.y - c.y, 2);
        if (d < bestD) { bestD = d; best = s; }
      });
      return best;
    }
    function sibling(el, dir) {
      var n = dir > 0 ? el.nextElementSibling : el.previousElementSibling;
      while (n && !n.classList.contains(el.classList.contains("seat") ? "seat" : "seat-row")) {
        n = dir > 0 ? n.nextElementSibling : n.previousElementSibling;
      }
      return n;
    }

    svg.addEventListener("keydown", function (e) {
      var seat = e.target.closest && e.target.closest(".seat");
      if (!seat) { return; }
      var next = null;
      if (e.key === "ArrowRight") { next = sibling(seat, 1); }
      else if (e.key === "ArrowLeft") { next = sibling(seat, -1); }
      else if (e.key === "ArrowDown") { next = nearestIn(sibling(seat.parentNode, 1), seat); }
      else if (e.key === "ArrowUp") { next = nearestIn(sibling(seat.parentNode, -1), seat); }
      else if (e.key === " " || e.key === "Enter") { e.preventDefault(); toggle(seat); return; }
      else { return; }
      e.preventDefault();
      focus(next);
    });

    // Zoom and pan by rewriting the viewBox: buttons, wheel, one-pointer drag, two-pointer pinch.
    var home = svg.getAttribute("viewBox").split(" ").map(Number);
    var view = home.slice();
    function apply() { svg.setAttribute("viewBox", view.join(" ")); svg.classList.toggle("zoomed", view[2] < home[2] * 0.99); }
    function zoom(factor, cx, cy) {
      var w = Math.min(home[2], Math.max(home[2] / 8, view[2] * factor));
      var h = w * home[3] / home[2];
      cx = cx === undefined ? view[0] + view[2] / 2 : cx;
      cy = cy === undefined ? view[1] + view[3] / 2 : cy;
      view = [cx - (cx - view[0]) * w / view[2], cy - (cy - view[1]) * h / view[3], w, h];
      if (w >= home[2]) { view = home.slice(); }
      apply();
    }
    function toMap(x, y) {
      var r = svg.getBoundingClientRect();
      return { x: view[0] + (x - r.left) / r.width * view[2], y: view[1] + (y - r.top) / r.height * view[3] };
    }
    form.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var k = b.getAttribute("data-zoom");
        if (k === "reset") { view = home.slice(); apply(); } else { zoom(k === "in" ? 0.6 : 1 / 0.6); }
      });
    });
    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !svg.classList.contains("zoomed") && e.deltaY > 0) { return; }
      e.preventDefault();
      var p = toMap(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, p.x, p.y);
    }, { passive: false });

    var pointers = {}, moved = false, pinch = 0;
    svg.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      moved = false;
      pinch = 0;
    });
    svg.addEventListener("pointermove", function (e) {
      var last = pointers[e.pointerId];
      if (!last) { return; }
      var ids = Object.keys(pointers);
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var d = Math.hypot(a.x - b.x, a.y - b.y);
        if (pinch) { var m = toMap((a.x + b.x) / 2, (a.y + b.y) / 2); zoom(pinch / d, m.x, m.y); }
        pinch = d;
        moved = true;
        return;
      }
      var dx = e.clientX - last.x, dy = e.clientY - last.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 6) { pointers[e.pointerId] = last; return; }
      moved = true;
      if (!svg.classList.contains("zoomed")) { return; }
      var r = svg.getBoundingClientRect();
      view[0] = Math.min(home[0] + home[2] - view[2], Math.max(home[0], view[0] - dx / r.width * view[2]));
      view[1] = Math.min(home[1] + home[3] - view[3], Math.max(home[1], view[1] - dy / r.height * view[3]));
      apply();
    });
    function up(e) { delete pointers[e.pointerId]; }
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    svg.addEventListener("click", function (e) {
      if (moved) { moved = false; return; }
      var seat = e.target.closest && e.target.closest(".seat");
      if (seat) { focus(seat); toggle(seat); }
    });

    // Live availability: the public endpoint is cached for a second server-side and answers 304 while nothing changed.
    var url = form.getAttribute("data-poll"), etag = null, busy = false;
    function repaint(list) {
      var lost = [];
      list.forEach(function (a) {
        var seat = byId[a.seatId];
        if (!seat) { return; }
        var free = a.state === "available" && !seat.classList.contains("unsold");
        var wasFree = seat.getAttribute("aria-disabled") !== "true";
        if (free === wasFree) { return; }
        seat.classList.toggle("taken", !free);
        seat.setAttribute("aria-disabled", free ? "false" : "true");
        if (!free && seat.classList.contains("chosen")) {
          seat.classList.remove("chosen");
          seat.setAttribute("aria-checked", "false");
          lost.push(name(seat));
        }
      });
      if (lost.length) { render(form.getAttribute("data-taken").replace("{s}", lost.join(separator))); }
    }
    function poll() {
      if (busy || document.hidden) { return; }
      busy = true;
      var headers = etag ? { "If-None-Match": etag } : {};
      fetch(url, { headers: headers, cache: "no-store" }).then(function (r) {
        if (r.status !== 200) { return null; }
        etag = r.headers.get("ETag");
        return r.json();
      }).then(function (body) {
        if (body && body.seats) { repaint(body.seats); }
      }).catch(function () { }).then(function () { busy = false; });
    }
    setInterval(poll, 1000);
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-seatmap]").forEach(init);
  });
})();
