/* The explorer's script, on every page. Every page works without it; it only enhances:
   a paragraph link lands on its quoted words even where text fragments are not supported,
   the element a link points to is highlighted, and on an article page a quote's words are
   lit when a link targets them or its margin note is hovered or focused, however many
   quotes the paragraph has (CSS alone does it for the first 12).
   Three kinds of page load one more script, so that no other page carries its weight:
   timeline.js (the timeline's pages: keyboard and zoom), and explorer.js (the claims' pages:
   facets) and search.js (the search page), which run after this one and use the helpers it
   shares in window.claimsExplorer. */
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

  /* -- quoted words: a link is #claim-ID:~:text=… (a quote's anchor) or #p-4:~:text=…
        (a paragraph). Browsers that know text fragments highlight the words and hide the
        directive; where it is still in the hash, they did not, so scroll to the words here
        (and, for a paragraph, mark them). */
  function markQuote(hash) {
    var parts = (typeof hash === "string" ? hash : location.hash).slice(1).split(":~:");
    var target = parts[0] && document.getElementById(decode(parts[0]));
    each(".is-target", function (node) { node.classList.remove("is-target"); });
    if (target) target.classList.add("is-target");
    refresh();
    if (!target) return;
    var directive = parts[1] && /^text=/.test(parts[1]) ? parts[1].slice(5) : null;
    if (target.classList.contains("qa")) {  // one quote's anchor on an article page: lit by refresh()
      // a directive left in the hash was not run (the browser would have hidden it): scroll here
      if (directive) (target.nextElementSibling || target).scrollIntoView({block: "center"});
      return;
    }
    if (!directive) return;
    var terms = directive.split(",").map(decode);
    var marked = markText(target, terms[0], terms[terms.length - 1]);
    (marked || target).scrollIntoView({block: "center"});
  }

  function decode(text) {  // a malformed escape (#%) is kept as written, not thrown
    try { return decodeURIComponent(text); } catch (e) { return text; }
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

  /* -- one quote's words lit on an article page: the quote numbered N in a paragraph is
        every mark.qN there, and its margin note is .nN. CSS does this without JavaScript
        (:has, :target) for the first 12 quotes; this does it for any, and for a target
        reached with a text directive, which the browser does not treat as :target. */
  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  function number(node) {
    var found = /(?:^| )[qn](\d+)(?: |$)/.exec(node.className);
    return found && found[1];
  }

  function refresh() {
    each(".lit", function (node) { node.classList.remove("lit"); });
    each(".qa.is-target, .note:hover, .note:focus-within", function (node) {
      var para = node.closest(".para"), n = number(node);
      if (para && n) each("mark.q" + n + ", .n" + n, function (lit) { lit.classList.add("lit"); }, para);
    });
  }

  function onNote(event) {
    if (event.target.closest && event.target.closest(".notes")) setTimeout(refresh, 0);
  }

  /* facets fold away on a phone, so the results are not pushed off the screen */
  function collapsible(content, title) {
    var panel = el("details", {"class": "facet-panel"});
    panel.open = !window.matchMedia("(max-width: 40rem)").matches;
    panel.appendChild(el("summary", {}, title));
    panel.appendChild(content);
    return panel;
  }

  markQuote();
  window.addEventListener("hashchange", markQuote);
  ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) { document.addEventListener(type, onNote); });
  // markQuote lets a test play a browser without text fragments; the rest is for the page scripts
  window.claimsExplorer = {markQuote: markQuote, el: el, collapsible: collapsible, root: ROOT};
})();
