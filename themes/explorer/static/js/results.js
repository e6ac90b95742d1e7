/* How the claims page (explorer.js) and the search page (search.js) link a search result's
   party, speaker and source, draw its party badge, and count a facet's values. The search
   index holds ids, not URLs (themes/explorer/templates/search_data.html says why); an element
   of the page carries the site's URL patterns (data-links, urls.result_links) and the
   parties' badges (data-parties, Party.badge). Loaded by those two pages only, after site.js
   and before their own script. */
(function () {
  "use strict";
  var ROOT = window.claimsExplorer.root;

  function resultLinks(holder) {
    var patterns = parse(holder.getAttribute("data-links")), parties = parse(holder.getAttribute("data-parties"));
    function fill(pattern, id) { return pattern && id ? new URL(pattern.split("{id}").join(id), ROOT).href : null; }
    return {
      badge: function (m) {  // {short, style, url} of a claim's party, or null
        var party = m.party_id && Object.prototype.hasOwnProperty.call(parties, m.party_id) ? parties[m.party_id] : null;
        if (!party || !/^[0-7]$/.test(String(party.colour)) || !/^[a-z]+$/.test(party.shape)) return null;
        return {short: party.short, style: "party-" + party.colour + " shape-" + party.shape, url: new URL(party.url, ROOT).href};
      },
      speaker: function (m) { return fill(patterns.speaker, m.speaker_id); },
      source: function (m, pageUrl) {  // the quoted words on the article's page
        if (m.source_url) return new URL(m.source_url, ROOT).href;
        var article = fill(patterns.article, m.article_id), anchor = patterns[m.type];
        var id = decodeURIComponent((pageUrl || "").split("/").pop().replace(/\.html$/, ""));
        return article && anchor && id ? article + "#" + anchor.split("{id}").join(id) : article;
      }
    };
  }

  function parse(json) {
    try { return JSON.parse(json || "{}") || {}; } catch (e) { return {}; }
  }

  /* A promise of a facet value's count under a search. Pagefind adds the bundles' counts into
     a plain object (mergeFilters in pagefind.js), so a value named like an Object property
     ("constructor") that the first bundle lacks comes out as text, not a number: such a value
     is counted by a search of its own, `term` with `filters` and this one value. */
  function countOf(pf, counts, name, value, term, filters) {
    var n = counts && Object.prototype.hasOwnProperty.call(counts, value) ? counts[value] : 0;
    if (typeof n === "number") return Promise.resolve(n);
    var own = Object.assign({}, filters);
    own[name] = {any: [value]};
    return pf.search(term, {filters: own}).then(function (answer) { return answer.results.length; });
  }

  window.claimsExplorer.resultLinks = resultLinks;
  window.claimsExplorer.countOf = countOf;
})();
