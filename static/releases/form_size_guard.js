// A form whose text is over the server's limit is refused there, and the page that says so
// replaces the form. Check before sending, so the text stays in the page and nothing is lost.
(function () {
  "use strict";
  var script = document.currentScript;
  var limit = parseInt(script && script.dataset.limit, 10);
  var message = (script && script.dataset.message) || "";
  if (!limit) { return; }
  var encoder = new TextEncoder();

  function textBytes(form) {
    var total = 0;
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") {
        total += encoder.encode(encodeURIComponent(name) + "=" + encodeURIComponent(value) + "&").length;
      }
    });
    return total;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") { return; }
    var size = textBytes(form);
    if (size > limit) {
      event.preventDefault();
      event.stopImmediatePropagation();
      window.alert(message);
    }
  }, true);
})();
