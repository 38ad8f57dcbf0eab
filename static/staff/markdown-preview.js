// Live preview of Markdown fields in the admin. The server renders and sanitizes
// (directory/markup.py), so the preview is exactly what the public page will show.
// Without JavaScript the fields are plain text areas and nothing is lost.
(function () {
  "use strict";
  var FIELDS = ["summary", "body", "text", "biography", "description"];
  var endpoint = "/admin/markdown-preview/";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // The admin's words in the page's language (templates/admin/base_site.html).
  function words() {
    var found = document.getElementById("staff-words");
    return found ? JSON.parse(found.textContent) : {};
  }

  function fieldName(textarea) {
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : textarea.name.replace(/.*-/, "");
  }

  function attach(textarea) {
    var preview = document.createElement("div");
    preview.className = "markdown-preview";
    preview.setAttribute("aria-live", "polite");
    preview.setAttribute(
      "aria-label", (words().previewOf || "Preview of %s").replace("%s", fieldName(textarea))
    );
    textarea.parentNode.appendChild(preview);
    var timer = null;
    function refresh() {
      var body = new URLSearchParams();
      body.set("text", textarea.value);
      fetch(endpoint, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        body: body,
        credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { preview.innerHTML = html; });
    }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea").forEach(function (textarea) {
      var name = textarea.name.replace(/^.*-/, "");
      if (FIELDS.indexOf(name) !== -1) attach(textarea);
    });
  });
})();
