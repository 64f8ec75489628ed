// A new page is created only when its author saves it. Wagtail 8's autosave would create it in
// the background after the first changes: a manual save racing that request then fails with
// « Le slug … est déjà utilisé » (or hits a « new version in another window » conflict), and a
// title typed then abandoned leaves an orphan draft. Wagtail's autosave controller dispatches a
// cancelable "w-autosave:save" event before each request: it is cancelled here, on the create
// view only (this script is included by templates/wagtailadmin/pages/create.html). Once saved,
// the page opens in the edit view, where autosave runs as usual.
window.addEventListener(
  "w-autosave:save",
  (event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  },
  true,
);
