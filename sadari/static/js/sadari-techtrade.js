// Tech trade: keyboard moves on the deal board ([ back, ] forward on a focused card), review
// keys on a challenge's proposals (J/K next/previous, S shortlist, A select, D decline), and
// confirmations on buttons with data-confirm. Everything also works without this script.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  }, true);

  function typing(event) {
    return event.target.matches("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey;
  }

  document.addEventListener("keydown", function (event) {
    if (typing(event)) return;
    var card = document.activeElement && document.activeElement.closest && document.activeElement.closest("[data-deal-card]");
    if (card && (event.key === "[" || event.key === "]")) {
      var button = card.querySelector('button[data-move="' + (event.key === "[" ? "prev" : "next") + '"]');
      if (button) { event.preventDefault(); button.click(); }
    }
  });

  // After htmx swaps the board, keep the keyboard on the card that moved.
  document.addEventListener("htmx:afterSwap", function () {
    var moved = document.querySelector(".tt-card.tt-moved");
    if (moved) moved.focus();
  });

  var items = Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  if (!items.length) return;
  var index = 0;
  function focus(i) { index = Math.max(0, Math.min(items.length - 1, i)); items[index].focus(); }
  document.addEventListener("keydown", function (event) {
    if (typing(event)) return;
    var key = event.key.toLowerCase();
    if (key === "j") focus(index + 1);
    else if (key === "k") focus(index - 1);
    else if (key === "s" || key === "a" || key === "d") {
      var button = items[index].querySelector('button[data-key="' + key + '"]');
      if (button) button.click();
    }
  });
})();
