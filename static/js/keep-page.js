// The page shown once after sending (a receipt, a private link): "Copy" and "Print or save this page".
// A progressive enhancement only: without it the buttons stay hidden and the text can be copied or the
// page printed with the browser's own commands.
(function () {
  "use strict";
  var rows = document.querySelectorAll("[data-keep-page]");
  Array.prototype.forEach.call(rows, function (row) {
    var status = row.parentNode.querySelector("[data-copy-status]");
    var copy = row.querySelector("[data-copy]");
    var print = row.querySelector("[data-print]");
    var target = copy && document.getElementById(copy.getAttribute("data-copy"));
    if (copy && target) {
      copy.addEventListener("click", function () {
        var text = target.textContent.trim();
        function selectIt() {
          var range = document.createRange();
          range.selectNodeContents(target);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () {
            status.textContent = copy.getAttribute("data-copied");
          }, selectIt);
        } else {
          selectIt();
        }
      });
    } else if (copy) {
      copy.hidden = true;
    }
    if (print && typeof window.print === "function") {
      print.addEventListener("click", function () {
        window.print();
      });
    } else if (print) {
      print.hidden = true;
    }
    row.hidden = false;
  });
})();
