/* The claims page's facets (party, speaker, topic, article, kind, dates) over
   data/claims.json, with counts, kept in the URL. Loaded by claims/index.html only, after site.js. */
(function () {
  "use strict";
  var shared = window.claimsExplorer;  // from site.js, which runs first
  var el = shared.el, collapsible = shared.collapsible, ROOT = shared.root;

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
