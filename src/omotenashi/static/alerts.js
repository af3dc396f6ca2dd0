// Alerts pages: a new alert reloads the open page (server-sent events); notifications on this
// phone through Web Push; "I need help" may add roughly where the phone is.
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (live && window.EventSource) {
    // The stream names every alert in force, those on the page first: only a new one reloads.
    var shown = live.dataset.shown.split(" ");
    var source = new EventSource(live.dataset.live);
    source.addEventListener("alert", function (event) {
      if (shown.indexOf(event.data) < 0) { source.close(); window.location.reload(); }
    });
  }

  var locate = document.querySelector("form[data-locate]");
  if (locate && navigator.geolocation) {
    locate.addEventListener("submit", function (event) {
      if (locate.dataset.located) return;
      event.preventDefault();
      var send = function () { locate.dataset.located = "1"; locate.submit(); };
      navigator.geolocation.getCurrentPosition(function (position) {
        locate.elements.latitude.value = position.coords.latitude.toFixed(5);
        locate.elements.longitude.value = position.coords.longitude.toFixed(5);
        send();
      }, send, { timeout: 8000, maximumAge: 600000 });
    });
  }

  var box = document.getElementById("push");
  var button = box && box.querySelector("[data-push]");
  if (!button || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  box.hidden = false;
  var error = box.querySelector("[data-push-error]");
  function key(base64url) {
    var text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      return fetch("/v1/push/vapid-key").then(function (r) {
        if (!r.ok) throw new Error(r.statusText);
        return r.json();
      }).then(function (vapid) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: key(vapid.application_server_key),
        });
      });
    }).then(function (subscription) {
      return fetch("/alerts/push", {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": document.querySelector("input[name=csrf_token]").value,
        },
        body: JSON.stringify(subscription.toJSON()),
      });
    }).then(function (response) {
      // 422: the subscription was refused (its push service's address, or its keys).
      if (response.status === 422) throw new Error(error.dataset.refused);
      if (!response.ok) throw new Error(response.statusText);
      box.hidden = true;
    }).catch(function (problem) {
      error.textContent = problem.message;
      button.disabled = false;
    });
  });
})();
