// "Leave this page quickly" (issue 11, item 10): go to a neutral site and replace this page's entry
// in the history, so that Back does not bring the report channel up again. Without this script the
// button is a plain link to the same site (the page then stays in the history).
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-leave-quickly]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  window.location.replace(link.href);
});
