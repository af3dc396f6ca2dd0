// The counter: scan the visitor's QR code with the tablet's camera (jsQR), and draw the
// tap-to-consent code whenever a result fragment brings one.
(function () {
  "use strict";
  var form = document.getElementById("resolve-form");
  if (!form) return;
  var input = form.querySelector("[name=carrier]");
  var scan = form.querySelector("[data-scan]");
  var video = form.querySelector("[data-camera]");

  function drawCodes(root) {
    root.querySelectorAll("[data-qr-text]").forEach(function (box) {
      if (box.firstChild) return;
      var qr = qrcode(0, "M");
      qr.addData(box.dataset.qrText);
      qr.make();
      box.innerHTML = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: true });
    });
  }
  // "Print" on the guest register card (no inline handler: the pages' policy forbids them).
  document.body.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    drawCodes(event.target);
    if (event.target.id === "result") { input.value = ""; input.focus(); }
  });

  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia) || !window.jsQR) return;
  scan.hidden = false;
  var stream = null;
  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
  }
  scan.addEventListener("click", function () {
    if (stream) { stop(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      video.play();
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      (function look() {
        if (!stream) return;
        if (video.readyState === video.HAVE_ENOUGH_DATA) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var found = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
          if (found && found.data) {
            input.value = found.data;
            stop();
            form.requestSubmit();
            return;
          }
        }
        requestAnimationFrame(look);
      })();
    }).catch(stop);
  });
})();
