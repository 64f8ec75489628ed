// A new page is created only when its author saves it. Wagtail 8's autosave would create it in
// the background on the first keystrokes: a manual save racing that request then fails with
// « Le slug … est déjà utilisé », and a title typed then abandoned leaves an orphan draft.
// Once saved, the page opens in the edit view, where autosave runs as usual.
(function () {
  const form = document.getElementById("page-edit-form");
  if (!form || !form.dataset.controller) return;
  form.dataset.controller = form.dataset.controller
    .split(/\s+/)
    .filter((name) => name && name !== "w-autosave")
    .join(" ");
})();
