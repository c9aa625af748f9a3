// Live preview for the micro-credential editor: a moment after the author stops typing, the form is
// posted to its own "preview" handler and the preview section of the answer replaces the one on the
// page. Without JavaScript the Preview button does the same with a page load.
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  var text = form && form.querySelector("#Text");
  var region = document.getElementById("live-preview");
  if (!form || !text || !region) {
    return;
  }

  var timer = null;
  var sequence = 0;
  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 700);
  });

  function refresh() {
    var mine = ++sequence;
    var data = new FormData(form);
    fetch(window.location.pathname + "?handler=preview", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== sequence) {
          return; // a newer preview is on its way
        }

        var answer = new DOMParser().parseFromString(html, "text/html");
        var preview = answer.querySelector("section.preview");
        var errors = answer.querySelector(".validation-summary-errors");
        region.innerHTML = "";
        if (preview) {
          region.appendChild(document.importNode(preview, true));
        } else if (errors && errors.textContent.trim()) {
          var note = document.createElement("p");
          note.className = "alert";
          note.textContent = "Preview not updated: " + errors.textContent.trim();
          region.appendChild(note);
        }
      })
      .catch(function () { /* the Preview button still works */ });
  }
})();
