/* The search page: Pagefind's index, loaded on demand. Loaded by search.html only, after site.js. */
(function () {
  "use strict";
  var shared = window.claimsExplorer;  // from site.js, which runs first
  var el = shared.el, collapsible = shared.collapsible, ROOT = shared.root;

  /* -- search: Pagefind's index, loaded on demand, with its filters (type, party, speaker,
        topic) as checkboxes; the query and filters live in the URL */
  function search() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var chosen = Object.create(null);
    /* the index comes in parts (the plugin's search.py says why): merge the others in */
    var parts = (form.getAttribute("data-merge") || "").split(" ").filter(Boolean);
    var pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
      return pf.options({baseUrl: ROOT.pathname}).then(function () {
        return Promise.all(parts.map(function (part) {
          return pf.mergeIndex(new URL(part, ROOT).pathname, {baseUrl: ROOT.pathname});
        }));
      }).then(function () { return pf; });
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

  search();
})();
