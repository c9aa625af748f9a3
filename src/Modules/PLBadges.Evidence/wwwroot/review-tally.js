// The running tally on a coach's review page: how many criteria are met, not yet, or still to
// score, updated as the radios change. The page draws the same line from the saved scores, so
// without this script it is still right when the page loads.
(function () {
  "use strict";
  var tally = document.getElementById("review-tally");
  var form = tally && document.querySelector("form.review-form");
  if (!form) {
    return;
  }

  function count() {
    var names = {};
    form.querySelectorAll("input[type=radio][name^='met-']").forEach(function (radio) { names[radio.name] = names[radio.name] || false; if (radio.checked) { names[radio.name] = radio.value; } });
    var met = 0, notYet = 0, left = 0;
    Object.keys(names).forEach(function (name) { if (names[name] === "met") { met++; } else if (names[name] === "notyet") { notYet++; } else { left++; } });
    tally.textContent = met + " met, " + notYet + " not yet, " + left + " to score.";
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "radio") {
      count();
    }
  });
})();
