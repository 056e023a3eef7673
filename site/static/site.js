// @ts-check
// Loaded synchronously in <head>: applies the reader's stored theme before the first
// paint, so a page never flashes in the other theme. Once the page is parsed it shows
// the theme button, opens the question a link points at, and opens every answer for
// printing. Reading needs none of this.
(function () {
  "use strict";
  var KEY = "balie-theme";
  var root = document.documentElement;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function read() {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null; // storage blocked: follow the system
    }
  }
  function store(value) {
    try {
      if (value) localStorage.setItem(KEY, value);
      else localStorage.removeItem(KEY);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  }

  // A signed-in browser holds a readable hint cookie beside the (unreadable)
  // session: the header then offers the portal instead of the sign-in page.
  if (/(?:^|;\s*)signed_in=1(?:;|$)/.test(document.cookie)) root.setAttribute("data-session", "");

  var stored = read();
  if (stored === "light" || stored === "dark") root.setAttribute("data-theme", stored);

  function system() {
    return systemDark.matches ? "dark" : "light";
  }
  function current() {
    return root.getAttribute("data-theme") || system();
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") /** @type {HTMLDetailsElement} */ (target).open = true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = /** @type {HTMLButtonElement | null} */ (document.querySelector(".theme-toggle"));
    if (button) {
      var sync = function () {
        button.setAttribute("aria-pressed", String(current() === "dark"));
      };
      button.addEventListener("click", function () {
        var next = current() === "dark" ? "light" : "dark";
        // Choosing what the system shows means: follow the system again.
        if (next === system()) root.removeAttribute("data-theme");
        else root.setAttribute("data-theme", next);
        store(next === system() ? null : next);
        sync();
      });
      systemDark.addEventListener("change", sync);
      sync();
      button.hidden = false;
    }
    openTarget();
  });
  window.addEventListener("hashchange", openTarget);

  // Print every answer, then close again what the reader had closed.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) {
      d.open = false;
    });
    opened = [];
  });
})();
