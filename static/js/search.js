/* Search page, progressive enhancement: on wide screens, ticking a filter or changing the sort
 * submits the form (the "Filtrer" button stays for everyone else), and focus comes back to the
 * control that was changed once the new page has loaded. No framework, no inline script. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search-form]");
  if (!form) return;
  var KEY = "ppi-search-focus";
  var wide = window.matchMedia("(min-width: 48em)");

  try {
    var id = window.sessionStorage.getItem(KEY);
    if (id) {
      window.sessionStorage.removeItem(KEY);
      var target = document.getElementById(id);
      if (target) target.focus({ preventScroll: false });
    }
  } catch (e) { /* storage disabled: focus simply starts at the top */ }

  form.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.hasAttribute || !control.hasAttribute("data-autosubmit")) return;
    // On small screens the filters sit in a folded panel: let people tick several, then "Filtrer".
    if (control.type === "checkbox" && !wide.matches) return;
    try { window.sessionStorage.setItem(KEY, control.id); } catch (e) { /* ignore */ }
    if (typeof form.requestSubmit === "function") form.requestSubmit(); else form.submit();
  });

  // Keep the shareable URL short: no empty query box, no default sort.
  form.addEventListener("submit", function () {
    var q = form.querySelector("input[name=q]");
    if (q && !q.value.trim()) q.removeAttribute("name");
    var sort = form.querySelector("select[name=tri]");
    if (sort && sort.value === "pertinence") sort.removeAttribute("name");
  });
})();
