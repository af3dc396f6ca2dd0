// The counter's payment form: after each answer, the next payment gets a new key (a form sent
// again with the same key moves money once), and the amount and carrier are cleared.
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.target.id !== "pay-result") return;
  const next = event.target.querySelector("[data-next-key]");
  const form = document.getElementById("pay-form");
  if (!next || !form) return;
  form.querySelector("[data-key]").value = next.value;
  if (event.target.querySelector("[data-paid]")) {
    form.querySelector("[name=amount]").value = "";
    form.querySelector("[name=carrier]").value = "";
  }
});

// A charge above the tap limit: the visitor scans this code to confirm on their phone.
function drawCodes(root) {
  if (typeof qrcode !== "function") return;
  for (const box of root.querySelectorAll("[data-qr]:not([data-drawn])")) {
    const code = qrcode(0, "M");
    code.addData(box.dataset.qr);
    code.make();
    box.innerHTML = code.createSvgTag({ cellSize: 5, margin: 2 });
    box.dataset.drawn = "true";
  }
}
document.addEventListener("htmx:afterSwap", (event) => drawCodes(event.target));
document.addEventListener("DOMContentLoaded", () => drawCodes(document));
