// Polls the PDF's status endpoint and opens the PDF when it is built. Without
// JavaScript the page refreshes itself instead (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.querySelector(".pdf-progress[data-status-url]");
  var bar = box && box.querySelector("progress");
  if (!bar) return;
  var message = box.querySelector(".pdf-progress__message");
  var link = box.querySelector(".pdf-progress__link");
  var slow = box.querySelector(".pdf-progress__slow");
  var readyText = document.currentScript && document.currentScript.dataset.readyText;
  var started = Date.now();
  var delay = 1000;

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        bar.value = status.progress;
        bar.textContent = status.progress + "%";
        // Only a changed message is written, so screen readers announce steps, not every percent.
        if (message.textContent !== status.message) message.textContent = status.message;
        if (status.ready) {
          link.textContent = readyText || link.textContent;
          link.href = status.url;
          window.location.assign(status.url);
          return;
        }
        if (status.status === "failed") {
          window.location.reload();
          return;
        }
        if (slow && Date.now() - started > 60000) slow.hidden = false;
        delay = Math.min(delay * 1.3, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, delay);
})();
