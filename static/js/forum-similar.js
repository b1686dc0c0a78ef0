// Questions and answers: while a visitor types their question, show similar answered questions.
// A progressive enhancement only: without it, the same list is a step of the form.
(function () {
  "use strict";
  var title = document.getElementById("id_question-title");
  if (!title || !window.fetch) return;
  var config = document.getElementById("forum-similar");
  if (!config) return;
  var box = document.createElement("div");
  box.className = "panel similar-live";
  box.setAttribute("aria-live", "polite");
  box.hidden = true;
  title.parentNode.appendChild(box);
  var url = config.getAttribute("data-url");
  var heading = config.getAttribute("data-heading");
  var timer = null;
  var last = "";
  function show(results) {
    box.textContent = "";
    box.hidden = !results.length;
    if (!results.length) return;
    var p = document.createElement("p");
    p.textContent = heading;
    box.appendChild(p);
    var ul = document.createElement("ul");
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = r.title;
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = title.value.trim();
      if (q.length < 4 || q === last || !url) return;
      last = q;
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { show(data.results || []); })
        .catch(function () {});
    }, 400);
  });
})();
