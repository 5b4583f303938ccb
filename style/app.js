// Find hjælp: small enhancements only. Everything works without this file.
// Quick exit: the link already leaves the site; with script it also replaces the
// history entry (so Back does not return here) and Escape triggers it from anywhere.
(function () {
  "use strict";
  var exit = document.getElementById("quick-exit");
  if (!exit) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true;
    window.location.replace(exit.href);
  }
  exit.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") leave(event);
  });
})();

// A form sent back with an error: move focus to the error summary, so screen
// readers announce it and keyboard users start from the list of problems.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
