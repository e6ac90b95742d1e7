/* The search page: Pagefind's index, loaded when the reader searches (or arrives with a query),
   its filters (type, party, speaker, topic, year, kind) as checkboxes with counts (their values
   fetched when the Filters panel is open: at once on a wide screen), and results
   that say what they are: type, date, party, speaker and source (the metadata each page gives
   the index: search_data.html). The query and filters live in the URL, and the header's box
   keeps the query. Loaded by search.html only, after site.js. */
(function () {
  "use strict";
  var shared = window.claimsExplorer;  // from site.js, which runs first
  var el = shared.el, collapsible = shared.collapsible, ROOT = shared.root;
  var links;  // a result's party badge, speaker and source links (results.js), from the form's patterns
  var FACETS = ["type", "party", "speaker", "topic", "year", "kind"];  // in this order; others after
  var LABELS = {type: "Type", party: "Party", speaker: "Speaker", topic: "Topic", year: "Year", kind: "Kind"};
  var BATCH = 20;

  function search() {
    var form = document.getElementById("search-form");
    if (form) links = shared.resultLinks(form);
    if (!form || !window.URLSearchParams || !window.Map) return;
    var input = form.querySelector("input[name=q]");
    var header = document.getElementById("site-q");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var more = el("button", {type: "button", "class": "show-more", hidden: ""});
    results.parentNode.insertBefore(more, results.nextSibling);
    var params = new URLSearchParams(location.search);  // never throws, whatever the escapes
    input.value = params.get("q") || "";
    if (header) header.value = input.value;
    var chosen = new Map();  // facet -> [values], from the URL until the facets are drawn
    params.forEach(function (value, key) {
      if (key === "q") return;
      if (!chosen.has(key)) chosen.set(key, []);
      chosen.get(key).push(value);
    });
    var facets = new Map();  // facet -> Map value -> {box, counter}
    var panel = el("div", {"class": "facets"});
    var found = [], shown = 0, asked = 0, q = "";
    var parts = bundles(form.getAttribute("data-merge"));
    var loading = null;

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("focus", ready, {once: true});  // fetch the index as the reader starts typing
    more.addEventListener("click", function () {
      showMore().then(function (first) { if (first) first.querySelector("a").focus(); });
    });
    if (input.value) run();

    function ready() {
      if (!loading) {
        loading = loadIndex(parts).then(function (pf) {
          /* every facet's values (at 20,000 claims, 260 of the 620 KiB the first search
             fetches), only when the Filters panel is open: closed, as it starts on a narrow
             screen, it needs none until the reader opens it */
          var details = collapsible(panel, "Filters");
          form.parentNode.insertBefore(details, form.nextSibling);
          details.addEventListener("toggle", function () {
            if (details.open && !facets.size) showFacets(pf).then(function () { if (q) run(); }).catch(unavailable);
          });
          return details.open ? showFacets(pf).then(function () { return pf; }) : pf;
        });
        loading.catch(unavailable);
      }
      return loading;
    }

    var drawing = null;
    function showFacets(pf) {
      if (!drawing) drawing = pf.filters().then(drawFacets);
      return drawing;
    }

    function drawFacets(filters) {
      var names = Object.keys(filters).sort(function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : 1); });
      var n = 0;
      names.forEach(function (name) {
        var set = el("fieldset", {"class": "facet"});
        set.appendChild(el("legend", {}, LABELS[name] || name));
        var values = new Map();
        Object.keys(filters[name]).sort().forEach(function (value) {  // years so in time order
          var id = "s-" + name + "-" + (n++);
          var box = el("input", {type: "checkbox", id: id, name: name});
          box.value = value;
          box.checked = (chosen.get(name) || []).indexOf(value) !== -1;
          var counter = el("span", {"class": "count"}, countText(totalOf(filters[name], value, parts.length)));
          var label = el("label", {"for": id});
          label.appendChild(document.createTextNode(value + " "));
          label.appendChild(counter);
          var row = set.appendChild(el("div", {"class": "facet-value"}));
          row.appendChild(box);
          row.appendChild(label);
          values.set(value, {box: box, counter: counter});
        });
        facets.set(name, values);
        panel.appendChild(set);
      });
      panel.addEventListener("change", run);
    }

    function current() {  // Map facet -> [checked values]
      if (!facets.size) return chosen;
      var s = new Map();
      facets.forEach(function (values, name) {
        var on = [];
        values.forEach(function (v, value) { if (v.box.checked) on.push(value); });
        if (on.length) s.set(name, on);
      });
      return s;
    }

    function run() {
      q = input.value.trim();
      if (header) header.value = q;
      var ask = ++asked;
      status.textContent = "Searching…";
      ready().then(function (pf) {
        var s = current();
        var query = new URLSearchParams();
        if (q) query.set("q", q);
        s.forEach(function (values, name) { values.forEach(function (v) { query.append(name, v); }); });
        history.replaceState(null, "", location.pathname + "?" + query.toString());
        if (!q) {  // filters narrow words: a search by filters alone would fetch the whole index
          results.replaceChildren();
          more.hidden = true;
          status.textContent = "Type words to find; the filters then narrow what is found.";
          return;
        }
        /* a facet with a choice counts what its other values would add: ask without it too */
        var asks = [pf.search(q, {filters: filtersOf(s)})];
        s.forEach(function (values, name) { asks.push(pf.search(q, {filters: filtersOf(s, name)})); });
        return Promise.all(asks).then(function (answers) {
          if (ask !== asked) return;  // overtaken by a later search
          var names = Array.from(s.keys());
          facets.forEach(function (values, name) {
            var answer = answers[names.indexOf(name) + 1] || answers[0];
            var counts = (answer.filters && answer.filters[name]) || {};
            var base = names.indexOf(name) === -1 ? filtersOf(s) : filtersOf(s, name);
            values.forEach(function (v, value) {
              shared.countOf(pf, counts, name, value, q, base).then(function (n) {
                if (ask === asked) v.counter.textContent = "(" + n + ")";
              });
            });
          });
          found = answers[0].results;
          shown = 0;
          results.replaceChildren();
          return showMore();
        });
      }).catch(unavailable);
    }

    function showMore() {  // the next BATCH of results, their data fetched now; resolves to the first new item
      var batch = found.slice(shown, shown + BATCH), ask = asked;
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (ask !== asked) return null;
        var items = pages.map(function (page) { return results.appendChild(result(page)); });
        var left = found.length - shown;
        more.hidden = left <= 0;
        more.textContent = "Show " + Math.min(BATCH, left) + " more";
        var what = q ? " for “" + q + "”" : "";
        status.textContent = found.length ? found.length + (found.length === 1 ? " result" : " results") + what +
          (left > 0 ? "; showing the first " + shown + "." : ".") : "No results" + what + ".";
        return items[0] || null;
      });
    }

    function unavailable() {
      status.textContent = "Search is not available here: it needs the site served over http.";
    }
  }

  /* A value's count in the whole index, before any search (results.js counts under a
     search). Pagefind's merge (mergeFilters in pagefind.js) adds each bundle's counts into a
     plain object, so a value named like an Object property ("constructor") that the first
     bundle lacks becomes that property plus the next bundle's count, as text: with one
     merged bundle the count is the digits at its end; with more it cannot be told, and none
     is shown (null) until the first search counts it. */
  function totalOf(counts, value, merged) {
    if (!counts || !Object.prototype.hasOwnProperty.call(counts, value)) return 0;
    var n = counts[value];
    if (typeof n === "number") return n;
    var tail = merged === 1 ? /\}(\d+)$/.exec(String(n)) : null;
    return tail ? Number(tail[1]) : null;
  }

  function countText(n) {
    return n === null ? "" : "(" + n + ")";
  }

  function rank(name) {
    var i = FACETS.indexOf(name);
    return i === -1 ? FACETS.length : i;
  }

  function filtersOf(s, skip) {  // any of the values within a facet; every facet with a choice
    var filters = {};
    s.forEach(function (values, name) { if (name !== skip) filters[name] = {any: values}; });
    return filters;
  }

  function bundles(attribute) {  // [{path, filter}] from search.html's data-merge (JSON)
    try {
      var list = JSON.parse(attribute || "[]");
      return Array.isArray(list) ? list.filter(function (b) { return b && typeof b.path === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  /* Pagefind from the main bundle, the others merged in with the filter their pages share
     (the plugin's search.py). A search counts only the filters already loaded (pf.filters) */
  function loadIndex(parts) {
    return import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
      return pf.options({baseUrl: ROOT.pathname, excerptLength: 24}).then(function () {
        return Promise.all(parts.map(function (part) {
          return pf.mergeIndex(new URL(part.path, ROOT).pathname,
                               {baseUrl: ROOT.pathname, excerptLength: 24, mergeFilter: part.filter || {}});
        }));
      }).then(function () { return pf; });
    });
  }

  /* one result: what it is, when, whose, from where, and the words that matched */
  function result(page) {
    var m = page.meta || {};
    var type = m.type || "";
    /* the party's colour and shape classes, as Party.style writes them (a claim's only) */
    var badge = links.badge(m), style = badge ? badge.style : null;
    var item = el("li", {"class": "card search-result" + (style ? " claim-card " + style : "")});
    item.appendChild(el("h2", {"class": "card-title"})).appendChild(el("a", {href: page.url}, m.title || page.url));
    var meta = item.appendChild(el("p", {"class": "card-meta"}));
    var kind = type && m.kind && m.kind !== type ? type + " · " + m.kind : (m.kind || type);
    meta.appendChild(el("span", {"class": "kind"}, kind));
    if (m.date) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", {"class": "date"}, m.date));
    }
    if (m.party) {
      meta.appendChild(document.createTextNode(" · "));
      if (badge) meta.appendChild(el("a", {"class": "party " + style, href: badge.url, title: m.party}, badge.short || m.party));
      else meta.appendChild(document.createTextNode(m.party));
    }
    if (m.voice) {
      meta.appendChild(document.createTextNode(" "));
      var speaker = links.speaker(m);
      if (speaker) meta.appendChild(el("a", {href: speaker}, m.voice));
      else meta.appendChild(document.createTextNode(m.voice));
    }
    item.appendChild(excerpt(page.excerpt || ""));
    if (m.source) {
      var from = item.appendChild(el("p", {"class": "card-links"}));
      from.appendChild(document.createTextNode(type === "Source article" ? "Outlet: " : "Source: "));
      var to = type === "Source article" ? null : links.source(m, page.url);
      if (to) from.appendChild(el("a", {href: to}, m.source));
      else from.appendChild(document.createTextNode(m.source));
    }
    return item;
  }

  function excerpt(html) {  // Pagefind marks hits with <mark>; keep those, as text, nothing else
    var p = el("p", {"class": "excerpt"});
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var hit = /^<mark>(.*)<\/mark>$/.exec(part);
      var text = (hit ? hit[1] : part).replace(/<[^>]*>/g, "");
      var node = document.createElement("textarea");
      node.innerHTML = text;  // decode entities without parsing markup
      p.appendChild(hit ? el("mark", {}, node.value) : document.createTextNode(node.value));
    });
    return p;
  }

  search();
})();
