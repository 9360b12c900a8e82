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

  // The claims index's filters. The page lists one page of checks; the filters cover them all,
  // from the facet index (data-fs-facets), fetched the first time a reader filters. Each check in
  // it is [id, claim, date, verdict, claimant, source, [topics], corrected], by table index.
  function setupFilters(form) {
    var listing = document.querySelector("[data-fs-listing]");
    var results = document.querySelector("[data-fs-results]");
    var more = document.querySelector("[data-fs-more]");
    var status = document.querySelector("[data-fs-status]");
    var empty = document.querySelector("[data-fs-empty]");
    if (!listing || !results) return;
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-fs-filter]"));
    var size = parseInt(form.getAttribute("data-fs-size"), 10) || 50;
    var facets = null;
    var loading = null;
    var matches = [];
    var shown = 0;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-fs-facets"))
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
          })
          .then(function (data) { facets = data; fillChoices(); return data; });
      }
      return loading;
    }

    function fillChoices() {
      var lists = {
        tag: facets.topics,
        claimant: facets.claimants.map(function (c) { return c[0]; }),
        source: facets.sources.map(function (s) { return s[1]; })
      };
      Object.keys(lists).forEach(function (name) {
        var datalist = document.getElementById("fs-filter-" + name + "-options");
        if (!datalist || datalist.children.length) return;
        var fragment = document.createDocumentFragment();
        lists[name].forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          fragment.appendChild(option);
        });
        datalist.appendChild(fragment);
      });
    }

    function chosen() {
      var out = {};
      fields.forEach(function (field) { if (field.value) out[field.name] = field.value; });
      return out;
    }

    // Table indexes a filter value stands for (a source is chosen by its title, which two sources
    // may share); null: no such value, so nothing matches.
    function wanted(name, value) {
      var table = {
        verdict: facets.verdicts,
        tag: facets.topics,
        claimant: facets.claimants.map(function (c) { return c[0]; }),
        source: facets.sources.map(function (s) { return s[1]; })
      }[name];
      var ids = name === "source" ? facets.sources.map(function (s) { return s[0]; }) : null;
      var found = [];
      table.forEach(function (entry, i) { if (entry === value || (ids && ids[i] === value)) found.push(i); });
      return found;
    }

    function link(template, slot) {
      return template.split("FSID").join(encodeURIComponent(slot));
    }

    function row(check) {
      var verdictKey = facets.verdicts[check[3]];
      var item = document.createElement("li");
      item.className = "fs-item";
      var badge = form.querySelector('template[data-fs-badge="' + verdictKey + '"]');
      if (badge) {
        if (badge.hasAttribute("data-fs-note")) item.classList.add("fs-item--note");
        item.appendChild(badge.content.cloneNode(true));
      }
      var claim = document.createElement("a");
      claim.className = "fs-item__claim";
      claim.href = link(form.getAttribute("data-fs-claim-href"), check[0]);
      claim.dir = "auto";
      claim.textContent = check[1];
      item.appendChild(claim);
      var meta = document.createElement("p");
      meta.className = "fs-item__meta";
      var claimant = facets.claimants[check[4]];
      var who = document.createElement("a");
      who.className = "fs-item__claimant";
      who.href = link(form.getAttribute("data-fs-claimant-href"), claimant[1]);
      var name = document.createElement("bdi");
      name.textContent = claimant[0];
      who.appendChild(name);
      meta.appendChild(who);
      meta.appendChild(document.createTextNode(", " + facets.dates[check[2]] + " · "));
      var outlet = document.createElement("bdi");
      outlet.className = "fs-item__source";
      outlet.textContent = facets.sources[check[5]][2];
      meta.appendChild(outlet);
      if (check[7]) {
        meta.appendChild(document.createTextNode(" · "));
        var corrected = document.createElement("span");
        corrected.className = "fs-item__corrected";
        corrected.textContent = form.getAttribute("data-fs-corrected");
        meta.appendChild(corrected);
      }
      item.appendChild(meta);
      return item;
    }

    function showMore() {
      var fragment = document.createDocumentFragment();
      matches.slice(shown, shown + size).forEach(function (check) { fragment.appendChild(row(check)); });
      results.appendChild(fragment);
      shown = Math.min(matches.length, shown + size);
      if (more) more.hidden = shown >= matches.length;
    }

    function render() {
      var picked = chosen();
      var names = Object.keys(picked);
      var query = new URLSearchParams(picked).toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      if (!names.length) {
        listing.hidden = false;
        results.hidden = true;
        if (more) more.hidden = true;
        if (empty) empty.hidden = true;
        if (status) status.textContent = "";
        return;
      }
      load().then(function () {
        if (Object.keys(chosen()).join() !== names.join()) return;  // the reader has moved on
        var sets = {};
        names.forEach(function (name) { sets[name] = wanted(name, picked[name]); });
        var at = { verdict: 3, claimant: 4, source: 5 };
        matches = facets.checks.filter(function (check) {
          return names.every(function (name) {
            if (name === "tag") return check[6].some(function (t) { return sets.tag.indexOf(t) !== -1; });
            return sets[name].indexOf(check[at[name]]) !== -1;
          });
        });
        results.textContent = "";
        shown = 0;
        listing.hidden = true;
        results.hidden = false;
        showMore();
        // The words come from the page, in its language: data-fs-message holds the sentence with
        // "{shown}" where the number of matching checks goes (the total is already in it).
        if (status) {
          status.textContent = (status.getAttribute("data-fs-message") || "")
            .split("{shown}").join(String(matches.length));
        }
        if (empty) empty.hidden = matches.length !== 0;
      }).catch(function () {
        // No facet index (offline, say): the static pages still list every check.
        listing.hidden = false;
        results.hidden = true;
      });
    }

    var params = new URLSearchParams(location.search);
    fields.forEach(function (field) {
      var value = params.get(field.name);
      if (!value) return;
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        field.value = known ? value : "";
      } else {
        field.value = value;
      }
    });
    form.hidden = false;

    form.addEventListener("focusin", function (e) { if (e.target.tagName === "INPUT") load(); });
    form.addEventListener("change", render);
    form.addEventListener("input", function (e) {
      // A name picked from the suggestions applies at once; typed text applies on change.
      if (e.target.tagName === "INPUT" && facets && wanted(e.target.name, e.target.value).length) render();
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); render(); });
    form.addEventListener("reset", function () { setTimeout(render, 0); });
    if (more) more.addEventListener("click", showMore);
    if (Object.keys(chosen()).length) render();
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
