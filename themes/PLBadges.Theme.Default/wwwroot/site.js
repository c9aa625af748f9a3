// The theme's behavior, loaded in <head> on every page (the site's policy forbids inline script).
// Without it every menu stays open and every tab panel shows: the page still works.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function setOpen(container, button, open) {
    container.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function buttonOf(container) {
    return container.querySelector(":scope > button[aria-expanded]");
  }

  function closeDropdowns(except) {
    document.querySelectorAll("[data-dropdown].is-open").forEach(function (dropdown) {
      if (dropdown !== except) {
        setOpen(dropdown, buttonOf(dropdown), false);
      }
    });
  }

  // A header menu (a section of the navigation, the account menu): one open at a time; Escape or
  // a click elsewhere closes it; Escape gives the focus back to its button.
  function dropdowns() {
    document.querySelectorAll("[data-dropdown]").forEach(function (dropdown) {
      var button = buttonOf(dropdown);
      if (!button) {
        return;
      }
      button.addEventListener("click", function () {
        var open = !dropdown.classList.contains("is-open");
        closeDropdowns(dropdown);
        setOpen(dropdown, button, open);
      });
      dropdown.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !dropdown.contains(event.relatedTarget)) {
          setOpen(dropdown, button, false);
        }
      });
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest("[data-dropdown]")) {
        closeDropdowns(null);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var open = document.querySelector("[data-dropdown].is-open");
      if (open) {
        setOpen(open, buttonOf(open), false);
        buttonOf(open).focus();
        return;
      }
      var menu = document.querySelector("[data-menu-button][aria-expanded='true']");
      if (menu) {
        toggleMenu(menu, false);
        menu.focus();
      }
    });
  }

  // The phone's menu button shows and hides the whole navigation.
  function toggleMenu(button, open) {
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  function menuButton() {
    var button = document.querySelector("[data-menu-button]");
    if (button) {
      button.addEventListener("click", function () {
        toggleMenu(button, button.getAttribute("aria-expanded") !== "true");
      });
    }
  }

  // Tabs (the <tabs> component): links to panels become a tab list; arrow keys move between tabs.
  function tabs() {
    document.querySelectorAll("[data-tabs]").forEach(function (container) {
      var list = container.querySelector(".tabs-list");
      var links = Array.prototype.slice.call(container.querySelectorAll(".tabs-list a"));
      var panels = links.map(function (link) { return document.getElementById(link.getAttribute("href").slice(1)); });
      if (!list || links.length === 0 || panels.indexOf(null) >= 0) {
        return;
      }
      list.setAttribute("role", "tablist");
      function select(index, focus) {
        links.forEach(function (link, i) {
          var selected = i === index;
          link.setAttribute("aria-selected", selected ? "true" : "false");
          link.tabIndex = selected ? 0 : -1;
          panels[i].hidden = !selected;
        });
        if (focus) {
          links[index].focus();
        }
      }
      links.forEach(function (link, i) {
        link.parentElement.setAttribute("role", "presentation");
        link.setAttribute("role", "tab");
        link.id = link.id || panels[i].id + "-tab";
        link.setAttribute("aria-controls", panels[i].id);
        panels[i].setAttribute("role", "tabpanel");
        panels[i].setAttribute("aria-labelledby", link.id);
        panels[i].tabIndex = 0;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          select(i, true);
        });
        link.addEventListener("keydown", function (event) {
          var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
          if (next !== undefined) {
            event.preventDefault();
            select((next + links.length) % links.length, true);
          }
        });
      });
      var chosen = links.findIndex(function (link) { return link.getAttribute("href") === location.hash; });
      select(chosen >= 0 ? chosen : 0, false);
    });
  }

  // The error summary takes the focus, so a screen reader reads it first; each link focuses its
  // field (or, when the field's id differs from its name, the field of that name).
  function errorSummary() {
    var summaries = document.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.querySelectorAll("a[data-field]").forEach(function (link) {
        link.addEventListener("click", function (event) {
          var target = document.getElementById(link.getAttribute("href").slice(1))
            || document.getElementsByName(link.getAttribute("data-field"))[0];
          if (target) {
            event.preventDefault();
            (target.closest("fieldset, .field") || target).scrollIntoView();
            target.focus({ preventScroll: true });
          }
        });
      });
    });
    if (summaries.length > 0 && !summaries[0].hasAttribute("data-no-focus")) {
      summaries[0].focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    dropdowns();
    menuButton();
    tabs();
    errorSummary();
  });
})();
