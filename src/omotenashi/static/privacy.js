// "Download my data": the file is an attachment, so the page stays; when the server has sent it,
// it leaves a notice cookie, and the page then says so in its language.
(function () {
  "use strict";
  var link = document.querySelector("[data-download]");
  var said = document.querySelector("[data-downloaded]");
  if (!link || !said) return;
  var COOKIE = "omotenashi_notice=downloaded";
  link.addEventListener("click", function () {
    said.hidden = true;
    var tries = 0;
    var timer = setInterval(function () {
      tries += 1;
      if (document.cookie.split("; ").indexOf(COOKIE) >= 0) {
        document.cookie = "omotenashi_notice=; max-age=0; path=/";
        said.hidden = false;
        clearInterval(timer);
      } else if (tries > 120) {
        clearInterval(timer);
      }
    }, 500);
  });
})();
