// Forms with data-confirm="…" ask before they submit (destructive actions: revoking tokens,
// undoing merges, deleting webhooks).
document.addEventListener("submit", function (event) {
  "use strict";
  var form = event.target;
  var question = form && form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
}, true);
