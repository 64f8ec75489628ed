/* Search page, progressive enhancement. On wide screens, ticking a filter submits the form
 * (the page says so above the filters); the sort list submits when chosen with a pointer, and
 * with the keyboard only on Enter, so that arrowing through its options does not reload the
 * page at each step. Focus comes back to the control that was used once the new page has
 * loaded. Without JavaScript, the "Filtrer" and "Trier" buttons do the same. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search-form]");
  if (!form) return;
  var KEY = "ppi-search-focus";
  var wide = window.matchMedia("(min-width: 48em)");
  var keyboardOnSelect = false;

  try {
    var id = window.sessionStorage.getItem(KEY);
    if (id) {
      window.sessionStorage.removeItem(KEY);
      var target = document.getElementById(id);
      if (target) target.focus();
    }
  } catch (e) { /* storage disabled: focus simply starts at the top */ }

  function submitFrom(control) {
    try { window.sessionStorage.setItem(KEY, control.id); } catch (e) { /* ignore */ }
    if (typeof form.requestSubmit === "function") form.requestSubmit(); else form.submit();
  }

  form.addEventListener("keydown", function (event) {
    var control = event.target;
    if (control.tagName !== "SELECT" || !control.hasAttribute("data-autosubmit")) return;
    if (event.key === "Enter") {
      event.preventDefault();
      submitFrom(control);
    } else if (event.key !== "Tab" && event.key !== "Shift") {
      keyboardOnSelect = true;
    }
  });
  form.addEventListener("pointerdown", function () { keyboardOnSelect = false; });

  form.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.hasAttribute || !control.hasAttribute("data-autosubmit")) return;
    if (control.tagName === "SELECT" && keyboardOnSelect) return;
    // On small screens the filters sit in a folded panel: let people tick several, then "Filtrer".
    if (control.type === "checkbox" && !wide.matches) return;
    submitFrom(control);
  });

  // Keep the shareable URL short: no empty query box, no default sort.
  form.addEventListener("submit", function () {
    var q = form.querySelector("input[name=q]");
    if (q && !q.value.trim()) q.removeAttribute("name");
    var sort = form.querySelector("select[name=tri]");
    if (sort && sort.value === "pertinence") sort.removeAttribute("name");
  });
})();
