/* factsite: progressive enhancement for source pages and the fact-check index.
   Every page is complete without this script; it only links highlights with their cards and
   filters the index. Material's instant navigation swaps pages without reloading, so setup runs
   on each emission of its document$ observable. It writes no words of its own: what it says
   comes from the page, in the site's language (data-fs-message). */
(function () {
  "use strict";

  function activeMarks(root, id) {
    return root.querySelectorAll('.fs-mark[data-check="' + id + '"]');
  }

  function setupSource(root) {
    var current = null;

    function activate(id) {
      if (current === id) return;
      deactivate();
      current = id;
      activeMarks(root, id).forEach(function (m) { m.classList.add("is-active"); });
      var card = document.getElementById("card-" + id);
      if (card) card.classList.add("is-active");
    }

    function deactivate() {
      root.querySelectorAll(".is-active").forEach(function (el) { el.classList.remove("is-active"); });
      current = null;
    }

    function reveal(id) {
      activate(id);
      var card = document.getElementById("card-" + id);
      if (card) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }

    function markOf(target) {
      var mark = target.closest ? target.closest(".fs-mark") : null;
      return mark && root.contains(mark) ? mark : null;
    }

    root.addEventListener("mouseover", function (e) {
      var mark = markOf(e.target);
      var card = e.target.closest && e.target.closest(".fs-card");
      if (mark) activate(mark.dataset.check);
      else if (card) activate(card.dataset.check);
    });
    root.addEventListener("focusin", function (e) {
      var mark = markOf(e.target);
      var card = e.target.closest && e.target.closest(".fs-card");
      if (mark) activate(mark.dataset.check);
      else if (card) activate(card.dataset.check);
    });
    root.addEventListener("click", function (e) {
      var mark = markOf(e.target);
      if (mark) { reveal(mark.dataset.check); return; }
      var link = e.target.closest && e.target.closest(".fs-card__passage");
      if (link) {
        var card = link.closest(".fs-card");
        var first = document.getElementById("q-" + card.dataset.check);
        if (first) {
          e.preventDefault();
          activate(card.dataset.check);
          first.scrollIntoView({ block: "center", behavior: "smooth" });
          first.focus({ preventScroll: true });
        }
      }
    });
    root.addEventListener("keydown", function (e) {
      var mark = markOf(e.target);
      if (mark && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        reveal(mark.dataset.check);
      }
    });

    // Arriving from a claim page's "see the passage" link. A mangled link (say, cut short in a
    // message: "#q-%E0%A4") must not throw.
    var hash;
    try { hash = decodeURIComponent(location.hash.slice(1)); } catch (err) { hash = ""; }
    if (hash.indexOf("q-") === 0 && document.getElementById(hash)) activate(hash.slice(2));
  }

  function setupFilters(form) {
    var list = document.querySelector("[data-fs-list]");
    var status = document.querySelector("[data-fs-status]");
    var empty = document.querySelector("[data-fs-empty]");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-fs-filter]"));
    var params = new URLSearchParams(location.search);

    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = wanted && known ? wanted : "";
    });
    form.hidden = false;

    function apply() {
      var chosen = {};
      selects.forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
      var shown = 0;
      items.forEach(function (item) {
        var d = item.dataset;
        var match =
          (!chosen.verdict || d.verdict === chosen.verdict) &&
          (!chosen.tag || JSON.parse(d.tags).indexOf(chosen.tag) !== -1) &&
          (!chosen.claimant || d.claimant === chosen.claimant) &&
          (!chosen.source || d.source === chosen.source);
        item.hidden = !match;
        if (match) shown += 1;
      });
      var filtered = Object.keys(chosen).length > 0;
      if (status) {
        // The words come from the page, in its language: data-fs-message holds the sentence with
        // "{shown}" where the number of checks shown goes (the total is already in it).
        status.textContent = filtered
          ? (status.getAttribute("data-fs-message") || "").split("{shown}").join(String(shown))
          : "";
      }
      if (empty) empty.hidden = shown !== 0;
      var query = new URLSearchParams(chosen).toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }

  function init() {
    var source = document.querySelector("[data-fs-source]");
    if (source) setupSource(source);
    var filters = document.querySelector("[data-fs-filters]");
    if (filters) setupFilters(filters);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
