/* The timeline's pages: arrow keys move between the page's items, a deep link (#id) to an
   item (its permalink, the page that holds it) is scrolled to and highlighted, and the
   page's chart zooms into one year. Loaded by the timeline's pages only. */
(function () {
  "use strict";

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
    // The buttons are in the page from the start (so the chart does not shift down when this
    // runs), and hidden by the stylesheet where scripting is off.
    var buttons = figure.querySelectorAll(".tl-zoom-bar button");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        show(button.value === "all" ? [0, 1000] : years[button.value]);
      });
    });

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

  timelineKeys();
  timelineZoom();
})();
