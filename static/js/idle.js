// Staff pages: warn before the idle sign-out and offer "Stay signed in" (issue 11 item 15).
// Without this script the sign-out still happens, and a form sent afterwards is kept for after
// signing in again (integra/accounts/kept.py).
(function () {
  "use strict";
  var box = document.getElementById("idle-warning");
  if (!box || !window.fetch || !window.FormData) return;
  var timeout = Number(box.getAttribute("data-timeout")) * 1000;
  var warning = Number(box.getAttribute("data-warning")) * 1000;
  var form = box.querySelector("form");
  var timer = null;

  function arm() {
    window.clearTimeout(timer);
    box.hidden = true;
    timer = window.setTimeout(show, Math.max(timeout - warning, 0));
  }

  function show() {
    box.hidden = false;
    var button = box.querySelector("button");
    if (button) button.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).then(function (response) {
      if (response.ok) arm();
    });
  });
  arm();
})();
