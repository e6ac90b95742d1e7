/* The explorer's one script. Every page works without it; it only enhances:
   - a paragraph link lands on its quoted words even where text fragments are not supported;
   - a deep link (#id) to a timeline item or card is scrolled to and highlighted;
   - the timeline is keyboard navigable (arrow keys, Home, End);
   - the claims page gets facets (party, speaker, topic, article, kind, dates) kept in the URL;
   - the search page queries the Pagefind index. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("../../", script.src);  // this file is ROOT/theme/js/site.js

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* -- quoted words: a paragraph link is #p-4:~:text=start,end. Browsers that know text
        fragments highlight the words and hide the directive; where it is still in the hash,
        they did not, so mark the words here and scroll to them. */
  function markQuote(hash) {
    var parts = (typeof hash === "string" ? hash : location.hash).slice(1).split(":~:");
    var target = parts[0] && document.getElementById(decodeURIComponent(parts[0]));
    if (!target) return;
    target.classList.add("is-target");
    var directive = parts[1] && /^text=/.test(parts[1]) ? parts[1].slice(5) : null;
    if (!directive) return;
    var terms = directive.split(",").map(decodeURIComponent);
    var marked = markText(target, terms[0], terms[terms.length - 1]);
    (marked || target).scrollIntoView({block: "center"});
  }

  function markText(root, first, last) {
    var nodes = [], text = "", walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
    var flat = text.toLowerCase();
    var start = flat.indexOf(first.toLowerCase());
    var end = start === -1 ? -1 : flat.indexOf(last.toLowerCase(), start) + last.length;
    if (start === -1 || end < start + first.length) return null;
    var firstMark = null;
    nodes.forEach(function (pair) {
      var node = pair[0], from = Math.max(start - pair[1], 0), to = Math.min(end - pair[1], node.data.length);
      if (from >= to) return;
      var range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      var mark = el("mark", {"class": "is-quote"});
      range.surroundContents(mark);
      firstMark = firstMark || mark;
    });
    return firstMark;
  }

  /* -- timeline: arrow keys move between items, focus stays visible */
  function timelineKeys() {
    var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-item"));
    if (!items.length) return;
    items.forEach(function (item, i) { item.tabIndex = i === 0 ? 0 : -1; });
    document.addEventListener("keydown", function (event) {
      var i = items.indexOf(document.activeElement);
      if (i === -1) return;
      var next = {ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: items.length - 1}[event.key];
      if (next === undefined || next < 0 || next >= items.length) return;
      event.preventDefault();
      items[i].tabIndex = -1;
      items[next].tabIndex = 0;
      items[next].focus();
    });
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var item = target && target.closest(".timeline-item");
    if (item) {
      item.classList.add("is-target");
      item.scrollIntoView({block: "center"});
    }
  }

  /* -- timeline chart: zoom into one year. Marks are stretched (their strokes keep their
        width); year and month labels are moved, and hidden when they fall outside. */
  function timelineZoom() {
    var figure = document.querySelector(".tl-chart");
    if (!figure) return;
    var left = Number(figure.dataset.left), years = JSON.parse(figure.dataset.years);
    var zoom = figure.querySelector(".tl-zoom");
    var labels = figure.querySelectorAll(".tl-labels [data-x]");
    var bar = el("div", {"class": "tl-zoom-bar", role: "group", "aria-label": "Zoom the chart"});
    var choices = [["all", "All years"]].concat(Object.keys(years).map(function (y) { return [y, y]; }));
    choices.forEach(function (choice) {
      var button = el("button", {type: "button", "aria-pressed": String(choice[0] === "all")}, choice[1]);
      button.addEventListener("click", function () {
        bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        show(choice[0] === "all" ? [0, 1000] : years[choice[0]]);
      });
      bar.appendChild(button);
    });
    figure.insertBefore(bar, figure.firstChild);

    function show(span) {
      var k = 1000 / (span[1] - span[0]), shift = left - (left + span[0]) * k;
      zoom.setAttribute("transform", "translate(" + shift + " 0) scale(" + k + " 1)");
      labels.forEach(function (label) {
        var x = shift + Number(label.dataset.x) * k;
        var wide = !label.dataset.width || Number(label.dataset.width) * k >= 22;
        label.setAttribute("x", x.toFixed(1));
        label.classList.toggle("tl-narrow", !wide);
        label.classList.toggle("tl-label-hidden", x < left - 1 || x > left + 1000);
      });
    }
  }

  /* -- claims explorer: facets over data/claims.json, state in the URL */
  var FACETS = ["party", "speaker", "topic", "article", "kind"];

  function claimValues(claim, facet) {
    if (facet === "topic") return claim.topics;
    if (facet === "speaker") return claim.speaker_id ? [claim.speaker_id] : [];
    return [claim[facet]];
  }

  function explorer() {
    var root = document.getElementById("explorer");
    if (!root || !window.fetch) return;
    var lookup = JSON.parse(document.getElementById("explorer-names").textContent);
    fetch(new URL("data/claims.json", ROOT)).then(function (r) { return r.json(); }).then(function (claims) {
      var state = readState();
      var form = el("form", {"class": "facets", "aria-label": "Filter claims"});
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      var boxes = {};
      FACETS.forEach(function (facet) {
        var set = el("fieldset", {"class": "facet"});
        set.appendChild(el("legend", {}, lookup.labels[facet]));
        boxes[facet] = {};
        Object.keys(lookup[facet]).forEach(function (value) {
          var id = "f-" + facet + "-" + value;
          var box = el("input", {type: "checkbox", id: id, name: facet, value: value});
          box.checked = state[facet].indexOf(value) !== -1;
          var label = el("label", {"for": id});
          var count = el("span", {"class": "count"});
          label.appendChild(document.createTextNode(lookup[facet][value] + " "));
          label.appendChild(count);
          var row = el("div", {"class": "facet-value"});
          row.appendChild(box);
          row.appendChild(label);
          set.appendChild(row);
          boxes[facet][value] = {box: box, count: count, row: row};
        });
        form.appendChild(set);
      });
      var dates = el("fieldset", {"class": "facet"});
      dates.appendChild(el("legend", {}, "Date said"));
      var from = el("input", {type: "date", id: "f-from", name: "from"});
      var to = el("input", {type: "date", id: "f-to", name: "to"});
      from.value = state.from; to.value = state.to;
      [[from, "From"], [to, "To"]].forEach(function (pair) {
        var row = el("div", {"class": "facet-value"});
        row.appendChild(el("label", {"for": pair[0].id}, pair[1] + " "));
        row.appendChild(pair[0]);
        dates.appendChild(row);
      });
      form.appendChild(dates);
      var reset = el("button", {type: "button"}, "Clear filters");
      form.appendChild(reset);
      var status = el("p", {"class": "explorer-status", role: "status", "aria-live": "polite"});
      root.replaceChildren(collapsible(form, "Filters"), status, document.getElementById("claim-list"));
      form.addEventListener("change", update);
      reset.addEventListener("click", function () {
        form.querySelectorAll("input").forEach(function (i) { if (i.type === "checkbox") i.checked = false; else i.value = ""; });
        update();
      });
      update();

      function current() {
        var s = {from: from.value, to: to.value};
        FACETS.forEach(function (f) {
          s[f] = Object.keys(boxes[f]).filter(function (v) { return boxes[f][v].box.checked; });
        });
        return s;
      }

      function matches(claim, s, skip) {
        for (var i = 0; i < FACETS.length; i++) {
          var f = FACETS[i];
          if (f === skip || !s[f].length) continue;
          var values = claimValues(claim, f);
          if (!values.some(function (v) { return s[f].indexOf(v) !== -1; })) return false;
        }
        if (s.from && (claim.latest || "9999") < s.from) return false;
        if (s.to && (claim.earliest || "0000") > s.to) return false;
        return true;
      }

      function update() {
        var s = current();
        var shown = 0;
        claims.forEach(function (claim) {
          var card = document.getElementById(claim.id);
          var ok = matches(claim, s);
          if (card) card.closest("li").hidden = !ok;
          if (ok) shown++;
        });
        FACETS.forEach(function (f) {
          var counts = {};
          claims.forEach(function (claim) {
            if (matches(claim, s, f)) claimValues(claim, f).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
          });
          Object.keys(boxes[f]).forEach(function (v) { boxes[f][v].count.textContent = "(" + (counts[v] || 0) + ")"; });
        });
        status.textContent = "Showing " + shown + " of " + claims.length + " claims.";
        writeState(s);
      }
    });
  }

  /* facets fold away on a phone, so the results are not pushed off the screen */
  function collapsible(content, title) {
    var panel = el("details", {"class": "facet-panel"});
    panel.open = !window.matchMedia("(max-width: 40rem)").matches;
    panel.appendChild(el("summary", {}, title));
    panel.appendChild(content);
    return panel;
  }

  function readState() {
    var params = new URLSearchParams(location.search);
    var s = {from: params.get("from") || "", to: params.get("to") || ""};
    FACETS.forEach(function (f) { s[f] = params.getAll(f); });
    return s;
  }

  function writeState(s) {
    var params = new URLSearchParams();
    FACETS.forEach(function (f) { s[f].forEach(function (v) { params.append(f, v); }); });
    if (s.from) params.set("from", s.from);
    if (s.to) params.set("to", s.to);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /* -- search: Pagefind's index, loaded on demand, with its filters (type, party, speaker,
        topic) as checkboxes; the query and filters live in the URL */
  function search() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var chosen = {};
    var pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
      return pf.options({baseUrl: ROOT.pathname}).then(function () { return pf; });
    });
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var facets = el("div", {"class": "facets"});
    form.parentNode.insertBefore(collapsible(facets, "Filters"), form.nextSibling);
    pagefind.then(function (pf) { return pf.filters(); }).then(function (filters) {
      Object.keys(filters).sort().forEach(function (name) {
        chosen[name] = params.getAll(name);
        var set = el("fieldset", {"class": "facet"});
        set.appendChild(el("legend", {}, name.charAt(0).toUpperCase() + name.slice(1)));
        Object.keys(filters[name]).sort().forEach(function (value, i) {
          var id = "s-" + name + "-" + i;
          var box = el("input", {type: "checkbox", id: id, name: name, value: value});
          box.checked = chosen[name].indexOf(value) !== -1;
          var row = el("div", {"class": "facet-value"});
          row.appendChild(box);
          row.appendChild(el("label", {"for": id}, value + " (" + filters[name][value] + ")"));
          set.appendChild(row);
        });
        facets.appendChild(set);
      });
      facets.addEventListener("change", function (event) {
        if (event.target.type !== "checkbox") return;
        var list = chosen[event.target.name];
        if (event.target.checked) list.push(event.target.value);
        else list.splice(list.indexOf(event.target.value), 1);
        run();
      });
      if (input.value) run();
    }).catch(unavailable);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

    function run() {
      var q = input.value.trim();
      var query = new URLSearchParams({q: q});
      var filters = {};
      Object.keys(chosen).forEach(function (name) {
        if (chosen[name].length) filters[name] = {any: chosen[name]};
        chosen[name].forEach(function (v) { query.append(name, v); });
      });
      history.replaceState(null, "", location.pathname + "?" + query.toString());
      status.textContent = "Searching…";
      pagefind.then(function (pf) { return pf.search(q || null, {filters: filters}); }).then(function (found) {
        return Promise.all(found.results.slice(0, 30).map(function (r) { return r.data(); })).then(function (pages) {
          show(pages, found.results.length, q);
        });
      }).catch(unavailable);
    }

    function show(pages, total, q) {
      results.replaceChildren();
      pages.forEach(function (page) {
        var item = el("li", {"class": "card search-result"});
        var heading = item.appendChild(el("h2", {"class": "card-title"}));
        heading.appendChild(el("a", {href: page.url}, page.meta.title || page.url));
        var tags = Object.keys(page.filters || {}).sort().map(function (k) { return page.filters[k].join(", "); });
        if (tags.length) item.appendChild(el("p", {"class": "card-meta"}, tags.join(" · ")));
        item.appendChild(excerpt(page.excerpt));
        results.appendChild(item);
      });
      var shown = total > pages.length ? " (first " + pages.length + ")" : "";
      status.textContent = total ? total + " results" + shown + (q ? " for “" + q + "”." : ".") : "No results" + (q ? " for “" + q + "”." : ".");
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

    function unavailable() {
      status.textContent = "Search is not available here: it needs the site served over http.";
    }
  }

  markQuote();
  window.addEventListener("hashchange", markQuote);
  window.claimsExplorer = {markQuote: markQuote};  // lets a test play a browser without text fragments
  timelineKeys();
  timelineZoom();
  explorer();
  search();
})();
