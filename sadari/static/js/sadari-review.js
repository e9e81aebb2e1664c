// Review queue keys: J/K move between items, S = same organization, D = different.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  if (!items.length) return;
  var index = 0;
  function focus(i) { index = Math.max(0, Math.min(items.length - 1, i)); items[index].focus(); }
  focus(0);
  document.addEventListener("keydown", function (event) {
    if (event.target.matches("input, textarea, select") || event.metaKey || event.ctrlKey) return;
    var key = event.key.toLowerCase();
    if (key === "j") focus(index + 1);
    else if (key === "k") focus(index - 1);
    else if (key === "s" || key === "d") {
      var button = items[index].querySelector('button[data-key="' + key + '"]');
      if (button) button.click();
    }
  });
})();
