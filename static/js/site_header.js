// The header's two disclosures (menu, languages) are <details>: they work without this
// script. With it, the menu stays open where the header is wide enough to show it in line,
// one panel at a time is open, and Escape or a click elsewhere closes it.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header) {
    return;
  }
  document.documentElement.classList.add("js");
  var nav = header.querySelector(".site-nav");
  var disclosures = header.querySelectorAll(".header-disclosure");
  var wide = window.matchMedia("(min-width: 60rem)");

  function fitMenu() {
    if (nav) {
      nav.open = wide.matches;
    }
  }
  function closeOthers(keep) {
    disclosures.forEach(function (disclosure) {
      if (disclosure !== keep && !(disclosure === nav && wide.matches)) {
        disclosure.open = false;
      }
    });
  }

  fitMenu();
  wide.addEventListener("change", fitMenu);
  disclosures.forEach(function (disclosure) {
    disclosure.addEventListener("toggle", function () {
      if (disclosure.open) {
        closeOthers(disclosure);
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    disclosures.forEach(function (disclosure) {
      if (disclosure.open && !(disclosure === nav && wide.matches)) {
        disclosure.open = false;
        disclosure.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!header.contains(event.target)) {
      closeOthers(null);
    }
  });
})();
