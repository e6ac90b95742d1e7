/* The claims pages' filters (party, speaker, topic, year, kind), with counts, kept in the URL.

   The page itself lists the facets with their counts, counted when the site was built, as
   links to each party's, speaker's and topic's page: that is what a reader without
   JavaScript uses. Here they become checkboxes. Nothing is fetched until the reader first
   touches them (or opens a URL that already holds filters): then the search index's claim
   bundles (Pagefind) are loaded, and each change asks them for the matching claims (a search
   with the filters for a word every claim holds) in date order, with the counts under the
   current choice. Only
   the claims shown are fetched (`result.data()`), BATCH at a time behind "Show more", so a
   corpus of 20,000 claims is never downloaded. With no filter chosen, the page's own list
   (one page of all the claims, with its pager) stays.
   Loaded by claims/index.html and its other pages only, after site.js. */
(function () {
  "use strict";
  var shared = window.claimsExplorer;  // from site.js, which runs first
  var el = shared.el, collapsible = shared.collapsible, ROOT = shared.root;
  var BATCH = 40;
  var links;  // a result's party badge, speaker and source links (results.js), from the page's patterns

  function explorer() {
    var root = document.getElementById("explorer");
    var nav = root && root.querySelector(".claim-facets");
    if (!nav || !window.URLSearchParams || !window.Map) return;
    var list = document.getElementById("claim-list");
    var server = Array.prototype.slice.call(list.childNodes);  // this page of the list, and its pager
    var bundles = (root.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
    /* a word in every claim's indexed text: Pagefind's filter-only search, search(null), fetches
       every chunk of the word index (2.4 MB at 20,000 claims); one word fetches one chunk */
    var every = root.getAttribute("data-every") || null;
    links = shared.resultLinks(root);

    /* the facets as the page lists them: Map facet -> {label, values: Map value -> {count, box, count node}} */
    var facets = new Map();
    nav.querySelectorAll("[data-facet]").forEach(function (section) {
      var values = new Map();
      section.querySelectorAll("li").forEach(function (item) {  // <li><a>value</a> <span class="count">(n)</span>
        var count = /\d+/.exec(item.lastElementChild.textContent);
        values.set(item.firstElementChild.textContent, {count: count ? Number(count[0]) : 0});
      });
      facets.set(section.getAttribute("data-facet"), {label: section.getAttribute("data-label"), values: values});
    });
    var total = Number(root.getAttribute("data-total")) || 0;

    var form = el("form", {"class": "facets", "aria-label": "Filter claims"});
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var n = 0;
    facets.forEach(function (facet, name) {
      var set = form.appendChild(el("fieldset", {"class": "facet"}));
      set.appendChild(el("legend", {}, facet.label));
      facet.values.forEach(function (value, text) {
        var id = "f-" + name + "-" + (n++);
        value.box = el("input", {type: "checkbox", id: id, name: name});
        value.box.value = text;
        value.counter = el("span", {"class": "count"}, "(" + value.count + ")");
        var label = el("label", {"for": id});
        label.appendChild(document.createTextNode(text + " "));
        label.appendChild(value.counter);
        var row = set.appendChild(el("div", {"class": "facet-value"}));
        row.appendChild(value.box);
        row.appendChild(label);
      });
    });
    var reset = form.appendChild(el("button", {type: "button"}, "Clear filters"));
    var status = el("p", {"class": "explorer-status", role: "status", "aria-live": "polite"});
    var results = el("ol", {"class": "cards"});
    var more = el("button", {type: "button", "class": "show-more"});
    var found = [], shown = 0, asked = 0;
    root.replaceChildren(collapsible(form, "Filters"), status, list);

    var state = readState();
    var chosen = false;
    facets.forEach(function (facet, name) {
      (state.get(name) || []).forEach(function (text) {
        var value = facet.values.get(text);
        if (value) { value.box.checked = true; chosen = true; }
      });
    });
    status.textContent = allText();
    form.addEventListener("focusin", loadOnce);  // load the index as the reader reaches for a filter
    form.addEventListener("pointerdown", loadOnce);
    form.addEventListener("change", update);
    reset.addEventListener("click", function () {
      facets.forEach(function (facet) { facet.values.forEach(function (v) { v.box.checked = false; }); });
      update();
    });
    more.addEventListener("click", function () {
      showMore().then(function (first) {
        if (first) first.querySelector("a").focus();  // keyboard readers go on where the new cards start
      });
    });
    if (chosen) update();  // a shared URL with filters: the reader asked for them

    var loading = null;
    function loadOnce() {
      if (!loading) loading = loadIndex(bundles);
      return loading;
    }

    function current() {  // Map facet -> [chosen values]
      var s = new Map();
      facets.forEach(function (facet, name) {
        var on = [];
        facet.values.forEach(function (v, text) { if (v.box.checked) on.push(text); });
        if (on.length) s.set(name, on);
      });
      return s;
    }

    function filtersOf(s, skip) {  // Pagefind's filters: any of the values within a facet, all facets
      var filters = {};
      s.forEach(function (values, name) { if (name !== skip) filters[name] = {any: values}; });
      return filters;
    }

    function update() {
      var s = current(), ask = ++asked;
      writeState(s);
      if (!s.size) {
        list.replaceChildren.apply(list, server);
        facets.forEach(function (facet) { facet.values.forEach(function (v) { v.counter.textContent = "(" + v.count + ")"; }); });
        status.textContent = allText();
        return;
      }
      status.textContent = "Filtering…";
      loadOnce().then(function (pf) {
        /* every facet's values, so that each is counted (fetched once) */
        return pf.filters().then(function () { return pf; });
      }).then(function (pf) {
        var sort = {sort: {date: "asc"}};
        /* counts in a facet with a choice are those its other values would add: ask without it */
        var asks = [pf.search(every, Object.assign({filters: filtersOf(s)}, sort))];
        s.forEach(function (values, name) { asks.push(pf.search(every, {filters: filtersOf(s, name)})); });
        return Promise.all(asks).then(function (answers) {
          if (ask !== asked) return;  // a later change has overtaken this one
          var names = Array.from(s.keys());
          facets.forEach(function (facet, name) {
            var answer = answers[names.indexOf(name) + 1] || answers[0];
            var counts = (answer.filters && answer.filters[name]) || {};
            var base = names.indexOf(name) === -1 ? filtersOf(s) : filtersOf(s, name);
            facet.values.forEach(function (v, text) {
              shared.countOf(pf, counts, name, text, every, base).then(function (n) {
                if (ask === asked) v.counter.textContent = "(" + n + ")";
              });
            });
          });
          found = answers[0].results;
          shown = 0;
          results.replaceChildren();
          list.replaceChildren(results, more);
          return showMore();
        });
      }).catch(function () {
        status.textContent = "The filters could not load the claims; the list below is unfiltered.";
        list.replaceChildren.apply(list, server);
      });
    }

    function showMore() {  // the next BATCH of matching claims; resolves to the first new item
      var batch = found.slice(shown, shown + BATCH), ask = asked;
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (ask !== asked) return null;
        var items = pages.map(function (page) { return results.appendChild(el("li")).appendChild(card(page)).parentNode; });
        var left = found.length - shown;
        more.hidden = left <= 0;
        more.textContent = "Show " + Math.min(BATCH, left) + " more";
        var which = [];
        current().forEach(function (values) { which.push(values.join(" or ")); });
        status.textContent = found.length + " of " + total + " claims match " + which.join(", ") +
          (left > 0 ? "; showing the first " + shown + "." : ".");
        return items[0] || null;
      });
    }

    function allText() {
      return "All " + total + " claims, in date order. Choose filters to narrow them.";
    }
  }

  /* Pagefind, from the first claim bundle, with the others merged in, its code and page list
     fetched now (init), as the reader reaches for a filter. The plugin's search.py deals the
     claims out in date order, one to each bundle in turn, and a date-sorted search scores a
     result by its place in its bundle (0, -1, -2, …): weighting bundle i by 1 + i × 1e-7
     orders the merged results by place, then bundle, which is date order. */
  function loadIndex(bundles) {
    return import(new URL(bundles[0] + "pagefind.js", ROOT).href).then(function (pf) {
      return pf.options({baseUrl: ROOT.pathname}).then(function () {
        return Promise.all(bundles.slice(1).map(function (part, i) {
          return pf.mergeIndex(new URL(part, ROOT).pathname, {baseUrl: ROOT.pathname, indexWeight: 1 + (i + 1) * 1e-7});
        }));
      }).then(function () { return pf.init(); }).then(function () { return pf; });
    });
  }

  /* a claim card as the page's own (macros.html, claim_card), from the result's metadata */
  function card(page) {
    var m = page.meta || {};
    /* the party's colour and shape classes, as Party.style writes them */
    var badge = links.badge(m), style = badge ? badge.style : "party-0";
    var article = el("article", {"class": "card claim-card " + style});
    var id = (page.url || "").split("/").pop().replace(/\.html$/, "");
    if (id) article.id = id;
    article.appendChild(el("h2", {"class": "card-title"})).appendChild(el("a", {href: page.url}, m.title || page.url));
    var meta = article.appendChild(el("p", {"class": "card-meta"}));
    if (badge) meta.appendChild(el("a", {"class": "party " + style, href: badge.url}, badge.short || m.party || ""));
    else meta.appendChild(el("span", {"class": "party " + style}, m.party || ""));
    meta.appendChild(document.createTextNode(" "));
    var speaker = links.speaker(m);
    if (speaker) meta.appendChild(el("a", {href: speaker}, m.voice || ""));
    else meta.appendChild(document.createTextNode(m.voice || m.party || ""));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", {"class": "date"}, m.date || ""));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", {"class": "kind"}, m.kind || ""));
    if (m.quote) {  // as macros.html's cited_words: quotation marks only for the speaker's own words
      var said = m.said === "yes";
      var words = article.appendChild(el("p", {"class": said ? "words said" : "words reported"}));
      words.appendChild(el("span", {"class": "words-whose"}, said ? (m.voice || "") + ":" : "The article:"));
      words.appendChild(document.createTextNode(" "));
      if (said) words.appendChild(el("q", {}, m.quote));
      else words.appendChild(document.createTextNode(m.quote));
    }
    if (m.source) {
      var source = article.appendChild(el("p", {"class": "card-links"}, "Source: "));
      var to = links.source(m, page.url);
      source.appendChild(to ? el("a", {href: to}, m.source) : document.createTextNode(m.source));
    }
    return article;
  }

  function readState() {  // Map facet -> [values]; URLSearchParams never throws on a bad escape
    var params = new URLSearchParams(location.search), s = new Map();
    params.forEach(function (value, key) {
      if (!s.has(key)) s.set(key, []);
      s.get(key).push(value);
    });
    return s;
  }

  function writeState(s) {
    var params = new URLSearchParams();
    s.forEach(function (values, name) { values.forEach(function (v) { params.append(name, v); }); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  explorer();
})();
