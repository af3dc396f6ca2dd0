// The agency's upload: sends the file with the page's own request, showing how much has gone
// and then that the rows are being checked; the answer replaces the page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload]");
  if (!form || !window.XMLHttpRequest) return;
  var bar = form.querySelector("[data-upload-progress]");
  var status = form.querySelector("[data-upload-status]");
  form.addEventListener("submit", function (event) {
    var file = form.querySelector("input[type=file]");
    if (!file.files.length) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    status.textContent = status.dataset.sending;
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) bar.value = Math.round((progress.loaded / progress.total) * 100);
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = status.dataset.checking;
    });
    request.addEventListener("load", function () {
      var page = new DOMParser().parseFromString(request.responseText, "text/html");
      var main = page.querySelector("main");
      if (main) document.querySelector("main").replaceWith(main);
      else window.location.assign("/partners/console");
    });
    request.send(new FormData(form));
  });
})();
