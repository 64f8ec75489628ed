// « Ajouter à ma sélection »: the form posts normally without scripts; here it is sent by
// fetch so the page does not reload, and the button and a status message say what changed.
(function () {
  "use strict";
  var LABELS = { ajouter: "Ajouter à ma sélection", retirer: "Retirer de ma sélection" };

  function render(form, selected, message) {
    var action = form.querySelector("[data-selection-action]");
    var button = form.querySelector("[data-selection-button]");
    var label = form.querySelector("[data-selection-label]");
    var status = form.querySelector("[data-selection-status]");
    action.value = selected ? "retirer" : "ajouter";
    label.textContent = LABELS[action.value];
    button.classList.toggle("fr-icon-star-fill", selected);
    button.classList.toggle("fr-icon-star-line", !selected);
    status.textContent = message || "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest ? event.target.closest("[data-selection-form]") : null;
    if (!form || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("[data-selection-button]");
    button.disabled = true;
    fetch(form.getAttribute("action"), {  // form.action is shadowed by the input named "action"
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (response.redirected || !(response.headers.get("Content-Type") || "").includes("json")) {
          throw new Error("not json");
        }
        return response.json().then(function (data) { render(form, data.selected, data.message); });
      })
      .catch(function () { form.submit(); })  // let the server answer with a full page
      .finally(function () { button.disabled = false; });
  });
})();
