/* Autocomplete for every <input data-autocomplete="/recherche/suggestions/">, following the
 * WAI-ARIA 1.2 combobox pattern with a listbox popup: the input keeps focus, arrows move the
 * active option (aria-activedescendant), Enter opens it, Escape closes the list (a second Escape
 * clears the box). Without JavaScript the input is a plain search box. */
(function () {
  "use strict";
  var MIN_LENGTH = 2;
  var DELAY = 150;
  var counter = 0;

  function safeUrl(raw) {
    try {
      var url = new URL(raw, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function setup(input) {
    if (input.getAttribute("role") === "combobox") return;
    var endpoint = input.getAttribute("data-autocomplete");
    counter += 1;
    var listId = (input.id || "autocomplete-" + counter) + "-suggestions";
    var host = input.parentNode;
    host.classList.add("ppi-autocomplete-host");

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "ppi-autocomplete";
    list.setAttribute("role", "listbox");
    var label = input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "Suggestions";
    list.setAttribute("aria-label", "Suggestions — " + label);
    list.hidden = true;
    host.appendChild(list);

    var status = document.createElement("div");
    status.className = "fr-sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    host.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      var options = list.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        var on = i === index;
        options[i].setAttribute("aria-selected", on ? "true" : "false");
        options[i].classList.toggle("ppi-autocomplete__option--active", on);
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      var item = items[index];
      var url = item && safeUrl(item.url);
      if (url) window.location.assign(url);
    }

    function render(results) {
      items = [];
      list.textContent = "";
      results.forEach(function (result) {
        if (!result || !result.label || !safeUrl(result.url)) return;
        var index = items.length;
        items.push(result);
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "ppi-autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        if (result.kind_label) {
          var kind = document.createElement("span");
          kind.className = "ppi-autocomplete__kind";
          kind.textContent = result.kind_label;
          option.appendChild(kind);
          option.appendChild(document.createTextNode(" "));
        }
        var text = document.createElement("span");
        text.textContent = result.label;
        option.appendChild(text);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(index); });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        open();
        status.textContent = items.length + (items.length > 1 ? " suggestions disponibles" : " suggestion disponible") +
          ". Utilisez les flèches haut et bas pour les parcourir.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var value = input.value.trim();
      if (value === lastQuery) { open(); return; }
      lastQuery = value;
      if (controller) controller.abort();
      if (value.length < MIN_LENGTH) { render([]); return; }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var separator = endpoint.indexOf("?") === -1 ? "?" : "&";
      window.fetch(endpoint + separator + "q=" + encodeURIComponent(value), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (data) {
        if (input.value.trim() !== value) return;
        render(Array.isArray(data.results) ? data.results : []);
      }).catch(function () { /* aborted or offline: the plain search still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) { open(); if (!items.length) fetchSuggestions(); }
          if (items.length) setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) open();
          if (items.length) setActive(active - 1 < 0 ? items.length - 1 : active - 1);
          break;
        case "Enter":
          if (expanded && active >= 0) { event.preventDefault(); go(active); }
          break;
        case "Escape":
          if (expanded) { event.preventDefault(); close(); }
          else if (input.value) { event.preventDefault(); input.value = ""; lastQuery = null; render([]); }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    input.addEventListener("focus", function () { if (items.length && input.value.trim() === lastQuery) open(); });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-autocomplete]");
    for (var i = 0; i < inputs.length; i++) setup(inputs[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
