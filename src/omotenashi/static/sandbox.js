// The sandbox's QR simulator: shows the rotating code (OM2) a test visitor's phone would, made
// on the server by the pass's own code (carriers/service.py), fetched again as each one ends.
(function () {
  "use strict";
  var section = document.getElementById("simulator");
  if (!section) return;
  var box = section.querySelector("[data-qr]");
  var text = section.querySelector("[data-payload]");

  function show() {
    fetch(section.dataset.codeUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (code) {
        var qr = qrcode(0, "M");
        qr.addData(code.payload, "Alphanumeric");
        qr.make();
        box.innerHTML = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: true });
        box.dataset.code = code.payload;
        text.textContent = code.payload;
        // A code is used once: fetch a fresh one when the step ends, and every 10 s besides.
        setTimeout(show, Math.min(10, Math.max(1, code.expires_in)) * 1000);
      })
      .catch(function () { setTimeout(show, 5000); });
  }
  show();
})();
