// « Imprimer ou enregistrer en PDF »: shown only when scripts run (the browser's own print
// command works without it); the print stylesheet (css/print.css) does the rest.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
