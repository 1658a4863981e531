// A question preview is for looking only: its form never submits.
(function () {
  "use strict";
  document.querySelectorAll("form[data-preview-only]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
  });
})();
