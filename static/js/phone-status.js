// Phone interpretation now: keep the status up to date without reloading the page. A progressive enhancement:
// without JavaScript the page refreshes itself (<noscript><meta http-equiv="refresh">) and has a Refresh link.
(function () {
  "use strict";
  var live = document.getElementById("phone-live");
  if (!live || !window.fetch || !window.DOMParser) return;
  var every = parseInt(live.getAttribute("data-refresh"), 10) * 1000;
  if (!every) return;
  var paused = false;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = live.getAttribute("data-pause");
  button.addEventListener("click", function () {
    paused = !paused;
    button.textContent = live.getAttribute(paused ? "data-resume" : "data-pause");
  });
  live.parentNode.insertBefore(button, live.nextSibling);
  function poll() {
    if (paused) return setTimeout(poll, every);
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return setTimeout(poll, every);
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("phone-live");
        if (!fresh) return;
        if (fresh.getAttribute("data-state") !== live.getAttribute("data-state")) {
          window.location.reload(); // other buttons apply now
          return;
        }
        if (fresh.innerHTML !== live.innerHTML) live.innerHTML = fresh.innerHTML;
        setTimeout(poll, every);
      })
      .catch(function () { setTimeout(poll, every * 2); });
  }
  setTimeout(poll, every);
})();
