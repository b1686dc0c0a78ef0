// After a failed submit, take the keyboard and screen-reader focus to the error summary, and make sure the
// page title starts with "Error:" (the server already does so on form pages; this covers the others).
// Without JavaScript nothing is lost: the summary is at the top of the form and its links still work.
(function () {
  "use strict";
  if (window.integraErrorSummary) return; // the page may load this script twice
  window.integraErrorSummary = true;
  function ready() {
    var summary = document.querySelector(".error-summary");
    if (!summary) return;
    var prefix = summary.getAttribute("data-title-prefix");
    if (prefix && document.title.indexOf(prefix) !== 0) document.title = prefix + " " + document.title;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
