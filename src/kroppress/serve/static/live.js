// kroppress serve: the bar on every served page, the error banner, live reload
// (Server-Sent Events), and the review view's entry links. Served pages only:
// the EPUB writer never adds this script.
(function () {
  "use strict";
  var me = document.currentScript;
  var view = me.getAttribute("data-view");
  var generation = Number(me.getAttribute("data-generation"));
  var textId = me.getAttribute("data-text");
  var printGen = me.getAttribute("data-print");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  if (view === "read") {
    document.documentElement.classList.add("kp-read");
    document.head.appendChild(el("link", {rel: "stylesheet", href: "/_serve/serve.css"}));
  }
  var bar = el("nav", {id: "kp-bar", "aria-label": "kroppress serve"});
  var links = [["read", "Read", "/read/kp-toc.xhtml"], ["print", "Print", "/print/"],
               ["review", "Review", textId ? "/review/" + textId : "/review/"]];
  links.forEach(function (l) {
    var a = el("a", {href: l[2]}, l[1]);
    if (l[0] === view) a.setAttribute("aria-current", "page");
    bar.appendChild(a);
  });
  if (view === "review" && textId) bar.appendChild(el("a", {href: "/review/"}, "all texts"));
  var status = el("span", {id: "kp-live"}, "connecting…");
  bar.appendChild(status);
  var banner = el("div", {id: "kp-banner", role: "alert", hidden: "hidden"});
  document.body.insertBefore(banner, document.body.firstChild);
  document.body.insertBefore(bar, document.body.firstChild);

  function showError(message) {
    if (message) {
      banner.textContent = message;
      banner.removeAttribute("hidden");
    } else {
      banner.textContent = "";
      banner.setAttribute("hidden", "hidden");
    }
  }

  function apply(s) {
    showError(s.error);
    if (!s.error && s.generation !== generation) { location.reload(); return; }
    if (view === "print" && s.print && String(s.print.generation) !== printGen &&
        s.print.pages && !s.print.building) { location.reload(); return; }
    var p = s.print || {};
    status.textContent = s.error ? "error" : (p.building ? "live · laying out the PDF…" : "live");
  }

  var source = new EventSource("/_serve/events");
  source.addEventListener("state", function (e) { apply(JSON.parse(e.data)); });
  source.onerror = function () { status.textContent = "server stopped? retrying…"; };

  if (view === "review") review();
  if (view === "read") neighbours();

  // previous / next section in the book's reading order
  function neighbours() {
    fetch("/_serve/state.json").then(function (r) { return r.json(); }).then(function (s) {
      var here = location.pathname, spine = s.spine || [];
      var i = spine.findIndex(function (d) { return d.href === here; });
      if (i < 0) return;
      if (i > 0) bar.insertBefore(el("a", {href: spine[i - 1].href, rel: "prev",
        title: spine[i - 1].title}, "‹ previous"), status);
      if (i + 1 < spine.length) bar.insertBefore(el("a", {href: spine[i + 1].href, rel: "next",
        title: spine[i + 1].title}, "next ›"), status);
    });
  }

  function review() {
    var src = document.getElementById("source");
    if (!src) return;
    var selected = [];
    function clear() {
      selected.forEach(function (e) { e.classList.remove("kp-selected"); });
      selected = [];
    }
    function mark(e) { if (e) { e.classList.add("kp-selected"); selected.push(e); } }
    function show(first, last, target) {
      clear();
      for (var n = first; n <= last; n++) {
        mark(src.querySelector('.tx[data-line="' + n + '"]'));
      }
      var line = document.getElementById("L" + first);
      if (line) line.scrollIntoView({block: "center"});
      var t = target && document.getElementById(target);
      if (t) { mark(t); t.scrollIntoView({block: "center"}); }
    }
    function entry(i) {
      var m = src.querySelector('.mark[data-entry="' + i + '"]');
      if (!m) return;
      show(Number(m.dataset.first), Number(m.dataset.last), m.dataset.target);
      src.querySelectorAll('[data-entry="' + i + '"]').forEach(mark);
      var li = document.getElementById("e" + i);
      if (li) { mark(li); li.scrollIntoView({block: "nearest"}); }
    }
    document.addEventListener("click", function (ev) {
      var t = ev.target.closest(".seg[data-entry], .entry, .kp-lines, #repaired .blk");
      if (!t) return;
      ev.preventDefault();
      if (t.dataset.entry !== undefined) entry(t.dataset.entry);
      else if (t.classList.contains("blk")) {
        if (t.dataset.first) show(Number(t.dataset.first), Number(t.dataset.last), t.id);
      } else show(Number(t.dataset.first), Number(t.dataset.last), null);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target.classList.contains("entry")) entry(ev.target.dataset.entry);
    });
    var m = /^#e(\d+)$/.exec(location.hash);
    if (m) entry(m[1]);
  }
})();
