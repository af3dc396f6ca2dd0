// Passkeys on the visitor portal: sign in, and add one to the account. Progressive: the buttons
// stay hidden where the browser has no WebAuthn or the page is reached by an IP address
// (WebAuthn needs a host name).
(function () {
  "use strict";
  var webauthn = window.SimpleWebAuthnBrowser;
  var usable = !!(webauthn && window.PublicKeyCredential) &&
    !/^[0-9.]+$|^\[/.test(window.location.hostname);

  function csrf() {
    var field = document.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || data.detail || response.statusText);
        return data;
      });
    });
  }

  function wire(selector, run) {
    var button = document.querySelector(selector);
    if (!button || !usable) return;
    var box = button.closest("[hidden]");
    if (box) box.hidden = false;
    var error = document.querySelector("[data-passkey-error]");
    button.addEventListener("click", function () {
      button.disabled = true;
      if (error) error.textContent = "";
      run(button).catch(function (problem) {
        if (error) error.textContent = problem.message;
        button.disabled = false;
      });
    });
  }

  wire("[data-passkey-sign-in]", function (button) {
    return post("/signin/passkey/options").then(function (ceremony) {
      return webauthn.startAuthentication({ optionsJSON: ceremony.options }).then(function (credential) {
        return post("/signin/passkey", {
          challenge_id: ceremony.challenge_id, credential: credential, next: button.dataset.next,
        });
      });
    }).then(function (done) { window.location.assign(done.next); });
  });

  wire("[data-passkey-add]", function () {
    return post("/passkeys/options").then(function (ceremony) {
      return webauthn.startRegistration({ optionsJSON: ceremony.options }).then(function (credential) {
        return post("/passkeys", { challenge_id: ceremony.challenge_id, credential: credential });
      });
    }).then(function (done) { window.location.assign(done.next); });
  });
})();
