// On a phone the header's search is a DSFR modal: DSFR focuses its first control (« Fermer »)
// when it opens, so typing went nowhere. Put the focus in the search field instead.
(function () {
  "use strict";
  var modal = document.getElementById("modal-recherche");
  if (!modal) return;
  var input = modal.querySelector("input[type=search]");
  if (!input) return;
  modal.addEventListener("dsfr.disclose", function () {
    // after DSFR's own focus handling, which runs once the modal is shown
    window.requestAnimationFrame(function () {
      window.setTimeout(function () { input.focus(); }, 0);
    });
  });
})();
