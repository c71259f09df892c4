// The desk's small fixes to Django's own admin scripts. No inline script: the CSP forbids it.
(function () {
  "use strict";
  var script = document.currentScript;
  var zoneNote = script ? script.getAttribute("data-zone-note") : "";

  // Django compares the browser's clock with the server's and says "You are 5 hours ahead of
  // server time", under date fields too, in Arabic with the wrong plural. A date has no time
  // zone; under a time field we name the mission's zone instead, which is what times are in.
  function fixTimezoneNote() {
    var shortcuts = window.DateTimeShortcuts;
    if (!shortcuts || shortcuts.deskPatched) { return; }
    shortcuts.deskPatched = true;
    shortcuts.addTimezoneWarning = function (input) {
      if (!input.classList.contains("vTimeField") || !zoneNote) { return; }
      if (input.parentNode.querySelector(".timezonewarning")) { return; }
      var note = document.createElement("div");
      note.className = "help timezonewarning";
      note.textContent = zoneNote;
      input.parentNode.appendChild(note);
    };
  }

  // select2 (Django's autocomplete) draws its search box without a label: give it the field's own.
  function labelFor(select) {
    if (!select || !select.id) { return ""; }
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function labelSelect2(root) {
    var boxes = root.querySelectorAll(".select2-search__field:not([aria-label])");
    boxes.forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container ? container.previousElementSibling : null;
      if (!select || select.tagName !== "SELECT") {
        // The drop-down of a single select lives at the end of <body>: find its select by the open one.
        var open = document.querySelector(".select2-container--open");
        select = open && open.previousElementSibling;
      }
      var text = labelFor(select);
      if (text) { box.setAttribute("aria-label", text); }
    });
    // select2 4.0 puts its "clear all" <span> inside the <ul> of choices, which only <li> may be in.
    // Its click handler listens on the whole selection, so the span still works one level up.
    // select2 draws a new one after each change, and empties the list when nothing is chosen.
    root.querySelectorAll(".select2-selection--multiple").forEach(function (selection) {
      var rendered = selection.querySelector(".select2-selection__rendered");
      if (!rendered) { return; }
      var fresh = rendered.querySelector(":scope > .select2-selection__clear");
      var moved = selection.querySelectorAll(":scope > .select2-selection__clear");
      if (fresh || !rendered.querySelector(".select2-selection__choice")) {
        moved.forEach(function (old) { old.remove(); });
      }
      if (fresh) { selection.insertBefore(fresh, rendered); }
    });
    // ARIA 1.2: a combobox names its list with aria-controls; select2 4.0 sets only aria-owns.
    root.querySelectorAll("[role=combobox][aria-owns]").forEach(function (box) {
      box.setAttribute("aria-controls", box.getAttribute("aria-owns"));
    });
    root.querySelectorAll(".select2-selection[role=combobox]:not([aria-label]):not([aria-labelledby])").forEach(function (box) {
      var container = box.closest(".select2-container");
      var text = labelFor(container && container.previousElementSibling);
      if (text) { box.setAttribute("aria-label", text); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fixTimezoneNote();
    labelSelect2(document);
    if (window.MutationObserver) {
      // select2 draws its search box again after every choice, and its drop-down on opening.
      new MutationObserver(function () { labelSelect2(document); })
        .observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["aria-owns"]});
    }
  });
})();
