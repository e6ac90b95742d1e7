/* The claims pages' facets (party, speaker, topic, article, kind, dates) over
   data/claims.json, with counts, kept in the URL. With no filter chosen, the page's own list
   (one page of all the claims, with its pager) stays; with one, the matching claims take its
   place, BATCH at a time behind a "Show more" button, so that 20,000 claims never become
   20,000 cards at once. Loaded by claims/index.html and its other pages only, after site.js. */
(function () {
  "use strict";
  var shared = window.claimsExplorer;  // from site.js, which runs first
  var el = shared.el, collapsible = shared.collapsible, ROOT = shared.root;

  var FACETS = ["party", "speaker", "topic", "article", "kind"];
  var BATCH = 40;

  function claimValues(claim, facet) {
    if (facet === "topic") return claim.topics;
    if (facet === "speaker") return claim.speaker_id ? [claim.speaker_id] : [];
    return [claim[facet]];
  }

  function getJSON(path) {
    return fetch(new URL(path, ROOT)).then(function (r) { return r.json(); });
  }

  function explorer() {
    var root = document.getElementById("explorer");
    if (!root || !window.fetch) return;
    var list = document.getElementById("claim-list");
    var server = Array.prototype.slice.call(list.childNodes);  // this page of the list, and its pager
    Promise.all([getJSON("data/claims.json"), getJSON("data/facets.json")]).then(function (loaded) {
      var claims = loaded[0], lookup = loaded[1];
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
          boxes[facet][value] = {box: box, count: count};
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
      var results = el("ol", {"class": "cards"});
      var more = el("button", {type: "button", "class": "show-more"});
      var matching = [], shown = 0;
      root.replaceChildren(collapsible(form, "Filters"), status, list);
      form.addEventListener("change", update);
      reset.addEventListener("click", function () {
        form.querySelectorAll("input").forEach(function (i) { if (i.type === "checkbox") i.checked = false; else i.value = ""; });
        update();
      });
      more.addEventListener("click", function () {
        var first = showMore();
        if (first) first.querySelector("a").focus();  // keyboard readers go on where the new cards start
      });
      update();

      function current() {
        var s = {from: from.value, to: to.value};
        FACETS.forEach(function (f) {
          s[f] = Object.keys(boxes[f]).filter(function (v) { return boxes[f][v].box.checked; });
        });
        return s;
      }

      function filtered(s) {
        return Boolean(s.from || s.to || FACETS.some(function (f) { return s[f].length; }));
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
        FACETS.forEach(function (f) {
          var counts = {};
          claims.forEach(function (claim) {
            if (matches(claim, s, f)) claimValues(claim, f).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
          });
          Object.keys(boxes[f]).forEach(function (v) { boxes[f][v].count.textContent = "(" + (counts[v] || 0) + ")"; });
        });
        if (filtered(s)) {
          matching = claims.filter(function (claim) { return matches(claim, s); });
          shown = 0;
          results.replaceChildren();
          list.replaceChildren(results, more);
          showMore();
        } else {
          list.replaceChildren.apply(list, server);
          status.textContent = "All " + claims.length + " claims, in date order. Choose filters to narrow them.";
        }
        writeState(s);
      }

      function showMore() {  // the next BATCH of matching claims; returns the first new item
        var batch = matching.slice(shown, shown + BATCH);
        var items = batch.map(function (claim) { return results.appendChild(el("li")).appendChild(card(claim)).parentNode; });
        shown += batch.length;
        var left = matching.length - shown;
        more.hidden = left <= 0;
        more.textContent = "Show " + Math.min(BATCH, left) + " more";
        status.textContent = matching.length + " of " + claims.length + " claims match" +
          (left > 0 ? "; showing the first " + shown + "." : ".");
        return items[0];
      }

      function card(claim) {  // as the page's own cards (macros.html, claim_card)
        var badge = lookup.badges[claim.party];
        var article = el("article", {"class": "card claim-card party-" + badge.colour, id: claim.id});
        article.appendChild(el("h2", {"class": "card-title"})).appendChild(el("a", {href: link(claim.url)}, claim.text));
        var meta = article.appendChild(el("p", {"class": "card-meta"}));
        meta.appendChild(el("a", {"class": "party party-" + badge.colour, href: link(badge.url)}, badge.short));
        meta.appendChild(document.createTextNode(" "));
        if (claim.speaker_id) meta.appendChild(el("a", {href: link(lookup.speaker_urls[claim.speaker_id])}, claim.speaker));
        else meta.appendChild(document.createTextNode(claim.attribution || lookup.party[claim.party]));
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("span", {"class": "date"}, claim.date_label));
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("span", {"class": "kind"}, lookup.kind[claim.kind]));
        // whose words: quotation marks only for a speaker's own (macros.html, cited_words)
        var said = claim.kind === "quote";
        var shown = article.appendChild(el("p", {"class": "words " + (said ? "said" : "reported")}));
        shown.appendChild(el("span", {"class": "words-whose"}, said ? meta.childNodes[2].textContent + ":" : "The article:"));
        shown.appendChild(document.createTextNode(" "));
        shown.appendChild(said ? el("q", {}, claim.quote) : document.createTextNode(claim.quote));
        var source = article.appendChild(el("p", {"class": "card-links"}, "Source: "));
        var page = claim.paragraph_url.split("#")[0], number = claim.paragraph_url.split("#p-")[1];
        source.appendChild(el("a", {href: link(page + "#claim-" + claim.id)}, lookup.article[claim.article] + ", ¶" + number));
        return article;
      }
    });
  }

  function link(url) {
    return new URL(url, ROOT).href;
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

  explorer();
})();
