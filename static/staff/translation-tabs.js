// The admin's translation sections (directory/admin.py TranslationsAdmin) as tabs:
// one tab per language, the English form above them untouched. Without JavaScript the
// sections stay one below the other and nothing is lost. Keyboard: the WAI-ARIA tabs
// pattern (arrow keys move between tabs, Home and End to the first and last).
(function () {
  "use strict";

  function heading(fieldset) {
    return fieldset.querySelector("h2, legend");
  }

  // The admin's words in the page's language (templates/admin/base_site.html).
  function words() {
    var found = document.getElementById("staff-words");
    return found ? JSON.parse(found.textContent) : {};
  }

  function build(sections) {
    var said = words();
    var list = document.createElement("div");
    list.className = "translation-tabs";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", said.translations || "Translations");
    var tabs = sections.map(function (section, index) {
      var title = heading(section);
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "translation-tab-" + index;
      tab.setAttribute("role", "tab");
      tab.textContent = title ? title.textContent.trim() : (said.language || "Language %s").replace("%s", index + 1);
      // A language whose fields hold something is marked, so a curator sees at a
      // glance which translations exist.
      var filled = Array.prototype.some.call(
        section.querySelectorAll("input, textarea"),
        function (field) { return field.value.trim() !== ""; }
      );
      if (filled) tab.classList.add("filled");
      section.setAttribute("role", "tabpanel");
      section.setAttribute("aria-labelledby", tab.id);
      if (title) title.hidden = true;
      list.appendChild(tab);
      return tab;
    });

    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        var chosen = i === index;
        tab.setAttribute("aria-selected", chosen ? "true" : "false");
        tab.tabIndex = chosen ? 0 : -1;
        sections[i].hidden = !chosen;
      });
      if (focus) tabs[index].focus();
    }

    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { select(index, false); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") next = (index + 1) % tabs.length;
        else if (event.key === "ArrowLeft") next = (index - 1 + tabs.length) % tabs.length;
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = tabs.length - 1;
        if (next !== null) {
          event.preventDefault();
          select(next, true);
        }
      });
    });
    sections[0].parentNode.insertBefore(list, sections[0]);
    // A section with a validation error opens first, so the error is seen.
    var withError = sections.findIndex(function (section) {
      return section.querySelector(".errorlist, .errors");
    });
    select(withError === -1 ? 0 : withError, false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sections = Array.prototype.slice.call(document.querySelectorAll("fieldset.translation"));
    if (sections.length) build(sections);
  });
})();
