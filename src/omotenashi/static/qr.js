// Draws a QR code into every element that carries the text to encode in data-qr-text.
(function () {
  "use strict";
  document.querySelectorAll("[data-qr-text]").forEach(function (box) {
    var qr = qrcode(0, "M");
    qr.addData(box.dataset.qrText);
    qr.make();
    box.innerHTML = qr.createSvgTag({ cellSize: 5, margin: 4, scalable: true });
  });
})();
