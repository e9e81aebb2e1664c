/* Sadari live updates: profile pages refresh themselves when their entity changes.
 *
 * Included by templates/feed/live_updates.html as
 *   <script src=".../sadari-live.js" defer data-sadari-live data-stream-url="/api/v1/changes/stream"
 *           data-kind="organization" data-entity-id="42" data-after="1234" ...>
 * It opens an EventSource on the change feed, filtered to that entity, and on a change fetches
 * the current URL and swaps every element marked data-live-region (matched by the attribute's
 * value, else by position). When that fails it shows a small "changed — reload" banner.
 * No dependencies, no build step.
 */
(function () {
  "use strict";

  function showBanner(config) {
    if (document.getElementById("sadari-live-banner")) return;
    var banner = document.createElement("div");
    banner.id = "sadari-live-banner";
    banner.setAttribute("role", "status");
    banner.style.cssText =
      "position:fixed;bottom:1rem;right:1rem;z-index:1000;padding:.6rem 1rem;border-radius:.4rem;" +
      "background:#1f2937;color:#fff;box-shadow:0 2px 8px rgba(0,0,0,.25)";
    banner.appendChild(document.createTextNode(config.updatedText + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = config.reloadText;
    button.addEventListener("click", function () { window.location.reload(); });
    banner.appendChild(button);
    document.body.appendChild(banner);
  }

  function swapRegions(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var current = document.querySelectorAll("[data-live-region]");
    var incoming = fresh.querySelectorAll("[data-live-region]");
    if (!current.length || current.length !== incoming.length) return false;
    var pairs = [];
    for (var i = 0; i < current.length; i++) {
      var key = current[i].getAttribute("data-live-region");
      var match = incoming[i];
      if (key) {
        match = null;
        for (var j = 0; j < incoming.length; j++) {
          if (incoming[j].getAttribute("data-live-region") === key) { match = incoming[j]; break; }
        }
      }
      if (!match) return false;
      pairs.push([current[i], match]);
    }
    pairs.forEach(function (pair) {
      pair[0].replaceWith(document.importNode(pair[1], true));
    });
    document.dispatchEvent(new CustomEvent("sadari:live-updated"));
    return true;
  }

  function start(script) {
    if (script.dataset.sadariLiveStarted || !window.EventSource || !window.fetch) return;
    script.dataset.sadariLiveStarted = "1";
    var config = {
      kind: script.dataset.kind,
      entityId: String(script.dataset.entityId),
      updatedText: script.dataset.updatedText || "This page has changed.",
      reloadText: script.dataset.reloadText || "Reload",
    };
    var params = new URLSearchParams({ kind: config.kind, entity_id: config.entityId });
    if (script.dataset.after) params.set("after", script.dataset.after);
    var source = new EventSource(script.dataset.streamUrl + "?" + params.toString());
    var busy = false;
    var again = false;

    function refresh() {
      if (busy) { again = true; return; }
      busy = true;
      fetch(window.location.href, { credentials: "same-origin", headers: { "X-Sadari-Live": "1" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (html) { if (!swapRegions(html)) showBanner(config); })
        .catch(function () { showBanner(config); })
        .then(function () {
          busy = false;
          if (again) { again = false; refresh(); }
        });
    }

    source.addEventListener("change", function (message) {
      var change;
      try { change = JSON.parse(message.data); } catch (e) { return; }
      if (change.kind === config.kind && String(change.entity_id) === config.entityId) refresh();
    });
    window.addEventListener("pagehide", function () { source.close(); });
  }

  function startAll() {
    document.querySelectorAll("script[data-sadari-live]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
