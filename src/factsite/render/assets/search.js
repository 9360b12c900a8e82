/* factsite search: Material's search box, answered from the site's Pagefind index (pagefind/).

   Opening a page fetches nothing for search: Pagefind's script, its WebAssembly and the index chunks
   a query needs are fetched from the first time the reader focuses the box. Results are drawn in
   Material's own result markup, as links Material's instant navigation follows. The keys Material
   readers know work: "/", "s" or "f" open search (outside text fields), Escape closes it, the arrow
   keys move between the box and the results, Enter opens the first result. Every word shown comes
   from the page: Material's translations in its #__config, in the site's language. Page text from
   the index is only ever set as text; of an excerpt's markup only Pagefind's <mark> is kept.
   The dialog and header are outside the content Material's instant navigation swaps, so this runs
   once per full page load. */
(function () {
  "use strict";

  var dialog = document.querySelector(".md-search[data-fs-search]");
  var toggle = document.getElementById("__search");
  var configElement = document.getElementById("__config");
  if (!dialog || !toggle || !configElement) return;
  var form = dialog.querySelector(".md-search__form");
  var input = dialog.querySelector(".md-search__input");
  var scrollwrap = dialog.querySelector(".md-search__scrollwrap");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var config = JSON.parse(configElement.textContent);
  var words = config.translations || {};
  // The site's root, from the address this page was opened at (it stays right as instant
  // navigation moves on: it is resolved once, here).
  var base = new URL(String(config.base || ".").replace(/\/?$/, "/"), location.href);
  var BATCH = 10; // results drawn at a time; more as the reader scrolls to the end
  var DEBOUNCE = 120; // ms after the last key press before searching

  var engine = null; // the promise of Pagefind's module, once asked for
  var ticket = 0; // the query under way; an older one's results are dropped
  var timer = 0;
  var found = []; // this query's results, in Pagefind's order; their data is loaded as drawn
  var drawn = 0;
  var openFirst = false; // Enter was pressed before the results came: open the first when they do

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        // On the page's own thread: a search of a few chunks is quick, and Pagefind's web worker
        // would add one more file to every reader's first query.
        var options = { baseUrl: base.pathname, noWorker: true };
        return module.options(options).then(function () { return module; });
      });
      engine.catch(function () { engine = null; }); // a later try may work (the network came back)
    }
    return engine;
  }

  function warmUp() {
    pagefind().then(function (module) { return module.init(); }).catch(function () {});
  }

  function say(key, count) {
    return String(words[key] || "").replace("#", String(count));
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click(); // as Material does: its listeners see the change
  }

  function showList(open) {
    list.setAttribute("role", open ? "list" : "presentation");
    list.hidden = !open;
  }

  // An excerpt is Pagefind's text of the page with <mark> around the words found. It is parsed in
  // a document of its own, which runs and loads nothing, and only its text and marks are kept.
  function appendExcerpt(parent, excerpt) {
    var parsed = new DOMParser().parseFromString(String(excerpt || ""), "text/html").body;
    (function copy(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === Node.TEXT_NODE) {
          parent.appendChild(document.createTextNode(child.textContent));
        } else if (child.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = child.textContent;
          parent.appendChild(mark);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          copy(child);
        }
      });
    })(parsed);
  }

  function element(tag, className) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    return made;
  }

  function resultItem(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    var title = element("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = element("p");
    appendExcerpt(excerpt, data.excerpt);
    article.append(element("div", "md-search-result__icon md-icon"), title, excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function drawMore() {
    var mine = ticket;
    var batch = found.slice(drawn, drawn + BATCH);
    drawn += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== ticket) return;
      pages.forEach(function (data) { list.appendChild(resultItem(data)); });
      if (openFirst) {
        openFirst = false;
        if (links()[0]) links()[0].click();
      }
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++ticket;
    clearTimeout(timer);
    timer = 0;
    if (!query) {
      found = [];
      drawn = 0;
      list.textContent = "";
      meta.textContent = say("search.result.placeholder");
      return;
    }
    pagefind()
      .then(function (module) { return module.search(query); })
      .then(function (response) {
        if (mine !== ticket || !response) return undefined;
        found = response.results;
        drawn = 0;
        list.textContent = "";
        meta.textContent = found.length === 0 ? say("search.result.none")
          : found.length === 1 ? say("search.result.one") : say("search.result.other", found.length);
        return drawMore();
      })
      .catch(function (error) {
        if (window.console) window.console.warn("factsite search:", error);
      });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  function isTyping(target, key) {
    if (!target) return false;
    if (target.isContentEditable) return true;
    if (target instanceof HTMLInputElement) return target.type === "radio" ? /^Arrow/.test(key) : true;
    return target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  }

  function forgetSharedQuery() {
    var address = new URL(location.href);
    if (!address.searchParams.has("q")) return;
    address.searchParams.delete("q");
    history.replaceState(history.state, "", address.href);
  }

  input.addEventListener("focus", function () {
    setOpen(true);
    warmUp();
  });
  input.addEventListener("input", function () {
    setOpen(true);
    clearTimeout(timer);
    openFirst = false;
    timer = setTimeout(search, DEBOUNCE);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search();
      input.focus();
    });
  });
  toggle.addEventListener("change", function () {
    showList(toggle.checked);
    if (toggle.checked) {
      if (document.activeElement !== input) input.focus();
    } else {
      if (document.activeElement === input) input.blur(); // keys are the page's again
      forgetSharedQuery();
    }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) setOpen(false);
  });
  scrollwrap.addEventListener("scroll", function () {
    if (drawn < found.length && scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 16) {
      drawMore();
    }
  });

  window.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    var focused = document.activeElement;
    if (!toggle.checked) {
      if (!isTyping(focused, event.key) && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        setOpen(true);
        input.focus();
        input.select();
      }
      return;
    }
    switch (event.key) {
      case "Enter":
        if (focused === input) {
          event.preventDefault();
          if (timer) {
            openFirst = true; // the query typed last is not searched yet
            search();
          } else if (links()[0]) {
            links()[0].click();
          }
        }
        break;
      case "Escape":
      case "Tab":
        setOpen(false);
        input.blur();
        break;
      case "ArrowUp":
      case "ArrowDown":
        var stops = [input].concat(links());
        var at = Math.max(0, stops.indexOf(focused));
        stops[(at + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
        event.preventDefault();
        break;
      default:
        if (focused !== input && event.key.length === 1) input.focus();
    }
  });

  showList(toggle.checked);
  // A shared search link (?q=words), as Material's search opens one.
  var shared = new URL(location.href).searchParams.get("q");
  if (shared) {
    input.value = shared;
    setOpen(true);
    input.focus();
    search();
  }
})();
