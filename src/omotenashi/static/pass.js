// My pass: the rotating QR code, computed on this phone (carriers/service.py documents the
// format), so it keeps working with no connection. The device secret never leaves the phone
// after it is set up.
(function () {
  "use strict";
  var STORE = "omotenashi.pass";
  var section = document.getElementById("pass");
  if (!section) return;
  var ready = section.querySelector("[data-qr-ready]");
  var setup = section.querySelector("[data-qr-setup]");
  var box = section.querySelector("[data-qr]");
  var countdown = section.querySelector("[data-countdown]");
  var error = section.querySelector("[data-qr-error]");
  var STEP = 30;
  // Seconds left in the page's language and digits (CLDR's default numbering system for it,
  // which the server names, so the countdown reads like every other number on the page).
  var seconds = new Intl.NumberFormat(document.documentElement.lang || "en", {
    style: "unit",
    unit: "second",
    unitDisplay: "long",
    numberingSystem: countdown.dataset.numbering || "latn",
  });

  function bytesFromBase64url(text) {
    var plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(plain.length);
    for (var i = 0; i < plain.length; i++) out[i] = plain.charCodeAt(i);
    return out;
  }
  function bytesFromUuid(id) {
    var hex = id.replace(/-/g, "");
    var out = new Uint8Array(16);
    for (var i = 0; i < 16; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  function base32(bytes) {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", out = "", bits = 0, value = 0;
    for (var i = 0; i < bytes.length; i++) {
      value = (value << 8) | bytes[i]; bits += 8;
      while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
    }
    if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
    return out;
  }
  function stepBytes(step) {
    return new Uint8Array([(step >>> 24) & 255, (step >>> 16) & 255, (step >>> 8) & 255, step & 255]);
  }

  async function code(device, step) {
    var id = bytesFromUuid(device.carrier_id);
    var key = await crypto.subtle.importKey(
      "raw", bytesFromBase64url(device.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    var message = new Uint8Array(3 + 16 + 4);
    message.set([79, 77, 49]); // "OM1"
    message.set(id, 3);
    message.set(stepBytes(step), 19);
    var mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message)).slice(0, 10);
    var body = new Uint8Array(30);
    body.set(id); body.set(stepBytes(step), 16); body.set(mac, 20);
    return "OM1." + base32(body);
  }

  // Version 2: the carrier id sealed to the platform's QR key with a fresh key per code, so no
  // two codes share anything a servicer could link (carriers/service.py documents the format).
  async function code2(device, step) {
    var id = bytesFromUuid(device.carrier_id);
    var curve = { name: "ECDH", namedCurve: "P-256" };
    var platform = await crypto.subtle.importKey("raw", bytesFromBase64url(device.qr_key), curve, false, []);
    var ephemeral = await crypto.subtle.generateKey(curve, true, ["deriveBits"]);
    var shared = await crypto.subtle.deriveBits({ name: "ECDH", public: platform }, ephemeral.privateKey, 256);
    var raw = new Uint8Array(await crypto.subtle.exportKey("raw", ephemeral.publicKey));
    var point = new Uint8Array(33);
    point[0] = 2 + (raw[64] & 1); point.set(raw.slice(1, 33), 1);
    var info = new Uint8Array(3 + 33 + 4);
    info.set([79, 77, 50]); info.set(point, 3); info.set(stepBytes(step), 36); // "OM2" E step
    var hkdf = await crypto.subtle.importKey("raw", shared, "HKDF", false, ["deriveBits"]);
    var pad = new Uint8Array(await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: info }, hkdf, 128));
    var sealed = new Uint8Array(16);
    for (var i = 0; i < 16; i++) sealed[i] = id[i] ^ pad[i];
    var key = await crypto.subtle.importKey(
      "raw", bytesFromBase64url(device.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    var message = new Uint8Array(info.length + 16);
    message.set(info); message.set(id, info.length);
    var mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message)).slice(0, 12);
    var body = new Uint8Array(65);
    body.set(point); body.set(stepBytes(step), 33); body.set(sealed, 37); body.set(mac, 53);
    return "OM2." + base32(body);
  }

  function stored() {
    try { return JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { return null; }
  }

  var shownStep = null;
  async function tick(device) {
    var now = Date.now() / 1000;
    var step = Math.floor(now / STEP);
    if (step !== shownStep) {
      var text = device.qr_key ? await code2(device, step) : await code(device, step);
      var qr = qrcode(0, "M");
      qr.addData(text, "Alphanumeric");
      qr.make();
      box.innerHTML = qr.createSvgTag({ cellSize: 8, margin: 4, scalable: true });
      box.dataset.code = text;
      shownStep = step;
    }
    countdown.textContent = seconds.format(Math.ceil(STEP - (now % STEP)));
  }

  function show(device) {
    setup.hidden = true;
    ready.hidden = false;
    tick(device);
    setInterval(function () { tick(device); }, 1000);
  }

  var device = stored();
  // Online, the page lists this visitor's live phones: a revoked or foreign one is forgotten.
  if (device && navigator.onLine && section.dataset.live.split(" ").indexOf(device.carrier_id) < 0) {
    localStorage.removeItem(STORE);
    device = null;
  }
  if (device) {
    show(device);
  } else {
    setup.hidden = false;
  }

  setup.querySelector("[data-set-up]").addEventListener("click", function (event) {
    var button = event.currentTarget;
    button.disabled = true;
    fetch("/pass/device", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRF-Token": document.querySelector("input[name=csrf_token]").value,
      },
      body: JSON.stringify({ label: navigator.platform || "" }),
    }).then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    }).then(function (registered) {
      var kept = { carrier_id: registered.carrier_id, secret: registered.secret, qr_key: registered.qr_key };
      localStorage.setItem(STORE, JSON.stringify(kept));
      show(kept);
      keepOfflineCopy();  // the copy must list this phone, or offline it would forget it
    }).catch(function (problem) {
      error.textContent = problem.message;
      button.disabled = false;
    });
  });

  // This visit is signed in: keep this page for the times there is no connection.
  var copying = Promise.resolve();
  function keepOfflineCopy() {
    if (!("serviceWorker" in navigator)) return;
    // One after the other, so an older copy never lands after a newer one.
    copying = copying.then(function () { return navigator.serviceWorker.ready; }).then(function () {
      return caches.open("omotenashi-pass-v1").then(function (cache) {
        return cache.addAll(["/pass", "/alerts"]);
      });
    }).catch(function () { /* private browsing: no offline copy */ });
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" });
    if (navigator.onLine) keepOfflineCopy();
  }
})();
