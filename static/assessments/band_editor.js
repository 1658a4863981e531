/* Question editor: redraw the colour-band combination as the author picks bands.
   Plain script, no dependencies; the patterns are the widget's own <pattern> elements
   (ids "<prefix>-pat-<number>", the number being the option's index). */
(function () {
  "use strict";
  var LEGS = {left: 150, right: 70}, TOPS = {above: 40, below: 130};
  var SVG = "http://www.w3.org/2000/svg";

  function redraw(editor) {
    var group = editor.querySelector(".bands-rects");
    var prefix = editor.getAttribute("data-prefix");
    while (group.firstChild) { group.removeChild(group.firstChild); }
    editor.querySelectorAll("fieldset[data-slot]").forEach(function (slot) {
      var parts = slot.getAttribute("data-slot").split("_");
      var index = 0;
      slot.querySelectorAll("select").forEach(function (select) {
        if (!select.value) { return; }
        var rect = document.createElementNS(SVG, "rect");
        rect.setAttribute("x", LEGS[parts[0]] - 12); rect.setAttribute("y", TOPS[parts[1]] + index * 16);
        rect.setAttribute("width", 24); rect.setAttribute("height", 14); rect.setAttribute("rx", 2);
        rect.setAttribute("fill", "url(#" + prefix + "-pat-" + select.selectedIndex + ")");
        rect.setAttribute("stroke", "#222");
        group.appendChild(rect);
        index += 1;
      });
    });
  }

  document.addEventListener("change", function (event) {
    var editor = event.target.closest && event.target.closest("[data-band-editor]");
    if (editor) { redraw(editor); }
  });
})();
