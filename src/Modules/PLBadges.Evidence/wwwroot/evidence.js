// Autosave for a teacher's submission. Each answer is saved a moment after typing stops and when
// the field is left. Until the server confirms, the text is also kept in this browser
// (localStorage), so a dropped network, a closed tab or an expired session loses nothing: the
// next save, after the connection returns or the teacher signs in again, sends it.
(function () {
  "use strict";
  var editor = document.getElementById("submission-editor");
  var status = document.getElementById("save-state");
  if (!editor || !status) {
    return;
  }

  var submission = editor.getAttribute("data-submission");
  var token = editor.querySelector("input[name=__RequestVerificationToken]").value;
  var endpoint = "/me/submissions/" + submission + "?handler=save";
  var pending = {};      // field id -> true while its latest text is not confirmed
  var timers = {};
  var inFlight = 0;
  var problem = null;    // "offline" | "signin" | message

  function key(field) {
    return "plbadges:" + submission + ":" + field.getAttribute("data-part") + ":" + field.getAttribute("data-prompt");
  }

  function keep(field) {
    try { window.localStorage.setItem(key(field), JSON.stringify({ text: field.value, at: Date.now() })); } catch (e) { /* private mode: the server copy is all there is */ }
  }

  // Once the page is being left (a reload, say), a save confirmed now must not drop the copy on this
  // device: the next page may have been read from the server before this save was written.
  var leaving = false;
  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });

  function forget(field, text) {
    if (leaving) { return; }
    try {
      var kept = JSON.parse(window.localStorage.getItem(key(field)) || "null");
      if (kept && kept.text === text) { window.localStorage.removeItem(key(field)); }
    } catch (e) { /* nothing kept */ }
  }

  function show() {
    var waiting = Object.keys(pending).length;
    if (problem === "signin") {
      status.dataset.state = "signin";
      status.innerHTML = "";
      status.append("Not saved: your session has ended. ");
      var link = document.createElement("a");
      link.href = "/account/signin?returnUrl=" + encodeURIComponent(window.location.pathname);
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Sign in again (opens a new tab)";
      status.append(link);
      status.append("; your text is kept on this device and saves when you are back.");
    } else if (problem === "offline") {
      status.dataset.state = "offline";
      status.textContent = "Not saved yet: no connection. Your text is kept on this device and saves when the connection returns.";
    } else if (problem) {
      status.dataset.state = "error";
      status.textContent = "Not saved: " + problem;
    } else if (waiting > 0 || inFlight > 0) {
      status.dataset.state = "saving";
      status.textContent = "Saving…";
    } else {
      status.dataset.state = "saved";
      status.textContent = "All changes saved at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
    }
  }

  function save(field) {
    window.clearTimeout(timers[field.id]);
    var text = field.value;
    var body = new URLSearchParams();
    body.set("part", field.getAttribute("data-part"));
    body.set("prompt", field.getAttribute("data-prompt"));
    body.set("text", text);
    inFlight++;
    show();
    return fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "RequestVerificationToken": token },
      body: body
    }).then(function (response) {
      if (response.status === 401) { problem = "signin"; return; }
      if (!response.ok) {
        return response.json().then(function (answer) { problem = answer.detail || "the server refused it."; }, function () { problem = "the server answered " + response.status + "."; });
      }
      problem = null;
      if (field.value === text) { delete pending[field.id]; }
      forget(field, text);
      return response.json().then(function (answer) {
        // "Still needed" follows the answers as they save.
        var readiness = document.getElementById("submit-readiness");
        if (readiness && answer && typeof answer.readiness === "string" && readiness.textContent !== answer.readiness) {
          readiness.textContent = answer.readiness;
        }
      }, function () { /* an answer without a body changes nothing shown */ });
    }, function () {
      problem = "offline";
    }).then(function () {
      inFlight--;
      show();
    });
  }

  function flush() {
    var fields = Object.keys(pending).map(function (id) { return document.getElementById(id); }).filter(Boolean);
    return Promise.all(fields.map(save));
  }

  var fields = Array.prototype.slice.call(editor.querySelectorAll("textarea.autosave"));
  var arrived = false; // text kept here that the server has after all (a last beacon got through)
  fields.forEach(function (field) {
    // Text kept on this device that the server never confirmed comes back, and is sent again.
    try {
      var kept = JSON.parse(window.localStorage.getItem(key(field)) || "null");
      if (kept && typeof kept.text === "string" && kept.text !== field.value) {
        field.value = kept.text;
        pending[field.id] = true;
      } else if (kept) {
        window.localStorage.removeItem(key(field));
        arrived = true;
      }
    } catch (e) { /* nothing kept */ }

    field.addEventListener("input", function () {
      pending[field.id] = true;
      keep(field);
      show();
      window.clearTimeout(timers[field.id]);
      timers[field.id] = window.setTimeout(function () { save(field); }, 800);
    });
    field.addEventListener("blur", function () {
      if (pending[field.id]) { save(field); }
    });
  });

  // Leaving by a button (upload, submit, remove) first saves what is typed.
  Array.prototype.forEach.call(document.querySelectorAll("form.flush-first"), function (form) {
    form.addEventListener("submit", function (event) {
      if (Object.keys(pending).length === 0) { return; }
      event.preventDefault();
      flush().then(function () { form.submit(); });
    });
  });

  window.addEventListener("online", function () { problem = null; flush(); });
  window.addEventListener("focus", function () { if (problem) { flush(); } });
  window.setInterval(function () { if (Object.keys(pending).length > 0 && inFlight === 0) { flush(); } }, 10000);
  // Closing the tab mid-sentence: one last try (the copy on this device stays until a save is confirmed).
  window.addEventListener("pagehide", function () {
    Object.keys(pending).forEach(function (id) {
      var field = document.getElementById(id);
      if (!field || !navigator.sendBeacon) { return; }
      var data = new FormData();
      data.set("__RequestVerificationToken", token);
      data.set("part", field.getAttribute("data-part"));
      data.set("prompt", field.getAttribute("data-prompt"));
      data.set("text", field.value);
      navigator.sendBeacon(endpoint, data);
    });
  });

  if (Object.keys(pending).length > 0) { flush(); } else if (arrived) { show(); }
})();
