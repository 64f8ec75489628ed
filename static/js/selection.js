// « Ajouter à ma sélection »: the form posts normally without scripts; here it is sent by
// fetch so the page does not reload, and the button and a status message say what changed.
// Inside the search page's form a form cannot nest: there the control is a link to a
// confirmation page (no script) which is sent by fetch the same way.
(function () {
  "use strict";
  var LABELS = { ajouter: "Ajouter à ma sélection", retirer: "Retirer de ma sélection" };

  function render(holder, selected, message) {
    var next = selected ? "retirer" : "ajouter";
    var action = holder.querySelector("[data-selection-action]");
    var link = holder.querySelector("[data-selection-link]");
    var button = holder.querySelector("[data-selection-button]");
    if (action) action.value = next;
    if (link) {
      link.dataset.action = next;
      link.href = link.href.replace(/action=(ajouter|retirer)/, "action=" + next);
    }
    holder.querySelector("[data-selection-label]").textContent = LABELS[next];
    button.classList.toggle("fr-icon-star-fill", selected);
    button.classList.toggle("fr-icon-star-line", !selected);
    holder.querySelector("[data-selection-status]").textContent = message || "";
  }

  function send(url, body, holder, fallback) {
    return fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected || !(response.headers.get("Content-Type") || "").includes("json")) {
          throw new Error("not json");
        }
        return response.json().then(function (data) { render(holder, data.selected, data.message); });
      })
      .catch(fallback);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest ? event.target.closest("form[data-selection-form]") : null;
    if (!form || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("[data-selection-button]");
    button.disabled = true;
    // form.action is shadowed by the input named "action"
    send(form.getAttribute("action"), new FormData(form), form, function () { form.submit(); })
      .finally(function () { button.disabled = false; });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-selection-link]") : null;
    if (!link || !window.fetch) return;
    event.preventDefault();
    var body = new FormData();
    body.append("csrfmiddlewaretoken", link.dataset.csrf);
    body.append("pratique", link.dataset.practice);
    body.append("action", link.dataset.action);
    send(link.dataset.url, body, link.closest("[data-selection-form]"), function () { window.location.href = link.href; });
  });
})();
