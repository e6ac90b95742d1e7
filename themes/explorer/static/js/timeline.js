/* The timeline's pages: arrow keys move between the list's items and between the chart's
   marks, a deep link (#id) to an item is scrolled to and highlighted, the chart shows the name
   of the mark under the pointer or focus, opens a cluster into its items, and zooms into one
   period. Without it every mark is still a link to its item. Loaded by the timeline's pages. */
(function () {
  "use strict";
  var PILL = 24;  // px: the width of a mark for a day (chart.py's PILL)

  /* Arrow keys (and Home, End) move focus along `elements`; only one is in the tab order. */
  function roving(elements) {
    if (!elements.length) return;
    elements.forEach(function (el, i) { el.tabIndex = i === 0 ? 0 : -1; });
    elements.forEach(function (el) {
      el.addEventListener("keydown", function (event) {
        var i = elements.indexOf(el);
        var next = {ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: elements.length - 1}[event.key];
        if (next === undefined || next < 0 || next >= elements.length) return;
        event.preventDefault();
        el.tabIndex = -1;
        elements[next].tabIndex = 0;
        elements[next].focus();
      });
      el.addEventListener("focus", function () {
        elements.forEach(function (other) { other.tabIndex = other === el ? 0 : -1; });
      });
    });
  }

  function timelineList() {
    roving(Array.prototype.slice.call(document.querySelectorAll(".timeline-item")));
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* "#%": a malformed escape, kept as written */ }
    var target = id && document.getElementById(id);
    var item = target && target.closest(".timeline-item");
    if (item) {
      item.classList.add("is-target");
      item.scrollIntoView({block: "center"});
    }
  }

  function timelineChart() {
    var figure = document.querySelector(".tl-chart");
    if (!figure) return;
    var svg = figure.querySelector("svg");
    var readout = figure.querySelector(".tl-readout");
    var list = figure.querySelector(".tl-cluster-list");
    var marks = Array.prototype.slice.call(figure.querySelectorAll(".tl-mark:not([aria-hidden])"));
    roving(marks);

    /* the name of the mark under the pointer or focus, in words, just below the mark (placed
       through the CSSOM, which the page's CSP allows; it takes no room in the layout) */
    figure.querySelectorAll(".tl-mark:not([aria-hidden])").forEach(function (mark) {
      function show() {
        readout.textContent = mark.getAttribute("aria-label");
        readout.classList.add("is-shown");
        var f = figure.getBoundingClientRect(), m = mark.getBoundingClientRect();
        readout.style.left = Math.max(0, Math.min(m.left - f.left, f.width - readout.offsetWidth)) + "px";
        readout.style.top = (m.bottom - f.top + 4) + "px";
      }
      function hide() { readout.classList.remove("is-shown"); }
      mark.addEventListener("mouseenter", show);
      mark.addEventListener("focus", show);
      mark.addEventListener("mouseleave", function () { if (document.activeElement !== mark) hide(); });
      mark.addEventListener("blur", hide);
    });

    /* a cluster opens into a list of its items (their titles and dates, from the list below) */
    figure.querySelectorAll(".tl-cluster").forEach(function (mark) {
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        list.textContent = "";
        var heading = document.createElement("p");
        heading.textContent = mark.getAttribute("aria-label") + ":";
        heading.id = "tl-cluster-heading";
        var ol = document.createElement("ol");
        ol.setAttribute("aria-labelledby", heading.id);
        mark.dataset.ids.split(" ").forEach(function (id) {
          var item = document.getElementById(id);
          var title = item && item.querySelector(".tl-title");
          if (!title) return;
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = "#" + id;
          a.textContent = title.textContent;
          li.appendChild(a);
          ol.appendChild(li);
        });
        list.appendChild(heading);
        list.appendChild(ol);
        list.hidden = false;
        ol.querySelector("a").focus();
      });
    });

    /* zoom into one period: every element placed in % (x, or x1 and x2 for a line) is
       moved and stretched; axis labels hide where they fall outside or no longer fit the
       room their data-w gives them */
    var buttons = figure.querySelectorAll(".tl-zoom-bar button");
    var placed = Array.prototype.slice.call(svg.querySelectorAll('[x$="%"], [x1$="%"]')).filter(function (el) {
      return el.ownerSVGElement === svg;  // not the name inside an era's clip, placed in its own frame
    }).map(function (el) {
      var line = el.tagName === "line";
      var width = el.getAttribute("width") || "";
      return {el: el, x: parseFloat(el.getAttribute(line ? "x1" : "x")), line: line,
              w: /%$/.test(width) ? parseFloat(width) : null, room: el.dataset.w ? Number(el.dataset.w) : null,
              mark: el.closest(".tl-mark")};
    });
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        zoom(Number(button.dataset.x), Number(button.dataset.w));
      });
    });

    function zoom(from, width) {
      var pixels = svg.getBoundingClientRect().width;
      var k = 100 / (width + (width < 100 ? PILL * width / pixels : 0));  // room for a pill at the end
      placed.forEach(function (p) {
        var x = (p.x - from) * k, el = p.el;
        if (p.line) {
          el.setAttribute("x1", x.toFixed(2) + "%");
          el.setAttribute("x2", x.toFixed(2) + "%");
        } else {
          el.setAttribute("x", x.toFixed(2) + "%");
        }
        if (p.w !== null) el.setAttribute("width", (p.w * k).toFixed(2) + "%");
        if (el.classList.contains("tl-era-name") && x < 0) {  // an era's name stays at the chart's edge
          el.setAttribute("x", "0%");
          el.setAttribute("width", Math.max(p.w * k + x, 0).toFixed(2) + "%");
        }
        var outside = x + (p.w || 0) * k < 0 || x > 100;
        if (p.room !== null) label(p, x, p.room * k, pixels);
        if (p.mark && el.tagName === "rect") p.mark.setAttribute("visibility", outside ? "hidden" : "visible");
      });
    }

    /* an axis label starting left of the chart moves to its edge, if it still fits there */
    function label(p, x, room, pixels) {
      var shown = Math.max(x, 0.3);
      var fits = (room - shown + x) * pixels / 100 >= p.el.textContent.length * 7.2 + 10 && shown <= 100;
      p.el.setAttribute("x", shown.toFixed(2) + "%");
      p.el.setAttribute("class", p.el.getAttribute("class").replace(/ ?tl-(hide-\w|label-hidden)/g, "") +
                        (fits ? "" : " tl-label-hidden"));
    }
  }

  timelineList();
  timelineChart();
})();
