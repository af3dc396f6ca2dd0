/* Reading the passport's MRZ with the phone's camera, or from a photo, on the device: Tesseract
   (vendored, with its English model) reads the picture, and only a pair of lines whose every check
   digit matches is put in the MRZ field, where the server checks it again on saving. */
(function () {
  "use strict";
  const root = document.querySelector("[data-mrz-scanner]");
  const field = document.getElementById("f-mrz");
  if (!root || !field || !window.Mrz) return;
  const status = root.querySelector("[data-scan-status]");
  const view = root.querySelector("[data-scan-view]");
  const video = root.querySelector("[data-scan-video]");
  const VENDOR = "/static/vendor/tesseract";
  const MAX_FRAMES = 12;
  let worker = null;
  let stream = null;

  function say(key) { status.textContent = root.dataset[key] || ""; }

  async function ocr() {
    if (!worker) {
      // The legacy engine (OEM 0) tells the filler < from K and L, which the LSTM model does not.
      worker = await Tesseract.createWorker("eng", 0, {
        workerPath: `${VENDOR}/worker.min.js`,
        corePath: `${VENDOR}/core`,
        langPath: `${VENDOR}/lang`,
        gzip: true,
        cacheMethod: "none",
        workerBlobURL: false,
      });
      await worker.setParameters({
        tessedit_char_whitelist: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<",
        tessedit_pageseg_mode: "6",
      });
    }
    return worker;
  }

  /* The lower part of the picture, where the MRZ is, in grey, at a size Tesseract reads well;
     with ``binarise``, each pixel set black or white against the mean of its neighbourhood, which
     keeps the lines legible under a shadow or dim light. */
  function crop(source, width, height, from, binarise) {
    const scale = Math.min(2, 1800 / width);
    const canvas = document.createElement("canvas");
    const top = Math.floor(height * from);
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round((height - top) * scale);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.filter = "grayscale(1)";
    context.drawImage(source, 0, top, width, height - top, 0, 0, canvas.width, canvas.height);
    if (binarise) threshold(context, canvas.width, canvas.height);
    return canvas;
  }

  function threshold(context, w, h) {
    const image = context.getImageData(0, 0, w, h);
    const px = image.data;
    const sums = new Float64Array((w + 1) * (h + 1));
    for (let y = 0; y < h; y++) {
      let row = 0;
      for (let x = 0; x < w; x++) {
        row += px[(y * w + x) * 4];
        sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
      }
    }
    const r = Math.max(8, Math.round(w / 40));
    for (let y = 0; y < h; y++) {
      const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
      for (let x = 0; x < w; x++) {
        const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
        const total = sums[y1 * (w + 1) + x1] - sums[y0 * (w + 1) + x1] -
          sums[y1 * (w + 1) + x0] + sums[y0 * (w + 1) + x0];
        const mean = total / ((y1 - y0) * (x1 - x0));
        const i = (y * w + x) * 4;
        const v = px[i] < mean * 0.88 ? 0 : 255;
        px[i] = px[i + 1] = px[i + 2] = v;
      }
    }
    context.putImageData(image, 0, 0);
  }

  async function read(source, width, height) {
    const reader = await ocr();
    for (const [from, binarise] of [[0.5, false], [0.5, true], [0.35, true], [0, false]]) {
      const { data } = await reader.recognize(crop(source, width, height, from, binarise));
      if (window.MRZ_DEBUG) console.log(data.text);
      const lines = Mrz.fromOcr(data.text || "");
      if (lines) return lines;
    }
    return null;
  }

  function found(lines) {
    field.value = lines.join("\n");
    field.dispatchEvent(new Event("input", { bubbles: true }));
    say("read");
    root.dataset.state = "read";
  }

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    view.hidden = true;
  }

  async function fromCamera() {
    say("reading");
    root.dataset.state = "reading";
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1920 }, height: { ideal: 1080 } },
        audio: false,
      });
    } catch (error) {
      say("noCamera");
      root.dataset.state = "no-camera";
      return;
    }
    video.srcObject = stream;
    view.hidden = false;
    await video.play();
    for (let frame = 0; frame < MAX_FRAMES && stream; frame++) {
      const lines = await read(video, video.videoWidth, video.videoHeight);
      if (lines) { stop(); found(lines); return; }
    }
    stop();
    say("retry");
    root.dataset.state = "retry";
  }

  async function fromFile(file) {
    say("reading");
    root.dataset.state = "reading";
    const picture = await createImageBitmap(file);
    const lines = await read(picture, picture.width, picture.height);
    if (lines) { found(lines); return; }
    say("retry");
    root.dataset.state = "retry";
  }

  root.querySelector("[data-scan-camera]").addEventListener("click", () => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say("noCamera"); return; }
    fromCamera();
  });
  root.querySelector("[data-scan-file]").addEventListener("change", (event) => {
    const file = event.target.files && event.target.files[0];
    if (file) fromFile(file);
  });
  // For the read-rate measurement (bench/mrz_read_rate.py): the same reading, on a given image.
  window.readPassportImage = async (url) => {
    const picture = await createImageBitmap(await (await fetch(url)).blob());
    return read(picture, picture.width, picture.height);
  };
})();
