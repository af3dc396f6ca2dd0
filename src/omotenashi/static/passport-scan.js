/* Reading the passport's MRZ with the phone's camera, or from a photo, on the device: the picture
   is levelled, its light evened and the MRZ cut out; each character cell is matched against the
   OCR-B glyphs (mrz-glyphs.js), with Tesseract (vendored, English model) as the second reader. Only
   a pair of lines whose every check digit matches is put in the MRZ field, where the server checks
   it again on saving. */
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

  /* --- Preparing the picture -----------------------------------------------------------------
     A phone photo of a passport is turned a few degrees, unevenly lit and a little out of focus;
     both readers work best on it level, evenly lit and sharp, with lines about 44 pixels tall. */

  const FROM = 0.4;  // the MRZ is in the lower part of a photo page held to fill the frame
  const TALL = 44;

  function greyPixels(canvas) {
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const grey = new Float32Array(canvas.width * canvas.height);
    for (let i = 0; i < grey.length; i++) {
      grey[i] = 0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2];
    }
    return grey;
  }

  function putGrey(canvas, grey) {
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const image = context.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < grey.length; i++) {
      const v = grey[i] < 0 ? 0 : grey[i] > 255 ? 255 : grey[i];
      image.data[i * 4] = image.data[i * 4 + 1] = image.data[i * 4 + 2] = v;
      image.data[i * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }

  /* The mean of each pixel's (2r+1)² neighbourhood, from a summed-area table. */
  function boxMean(grey, w, h, r, squared) {
    const sums = new Float64Array((w + 1) * (h + 1));
    for (let y = 0; y < h; y++) {
      let row = 0;
      for (let x = 0; x < w; x++) {
        const v = grey[y * w + x];
        row += squared ? v * v : v;
        sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
      }
    }
    const mean = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
      for (let x = 0; x < w; x++) {
        const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
        const total = sums[y1 * (w + 1) + x1] - sums[y0 * (w + 1) + x1] -
          sums[y1 * (w + 1) + x0] + sums[y0 * (w + 1) + x0];
        mean[y * w + x] = total / ((y1 - y0) * (x1 - x0));
      }
    }
    return mean;
  }

  /* The turn of the text lines, in degrees: the angle at which the dark pixels, projected onto
     the vertical, bunch into the sharpest rows (lines of print are where they bunch). */
  function skew(source, width, height) {
    const scale = Math.min(1, 640 / width);
    const canvas = document.createElement("canvas");
    const top = Math.floor(height * FROM);
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round((height - top) * scale);
    canvas.getContext("2d").drawImage(source, 0, top, width, height - top, 0, 0, canvas.width, canvas.height);
    const w = canvas.width, h = canvas.height;
    const grey = greyPixels(canvas);
    const mean = boxMean(grey, w, h, 6, false);
    const xs = [], ys = [];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) if (grey[y * w + x] < mean[y * w + x] - 12) { xs.push(x); ys.push(y); }
    }
    let best = 0, bestScore = -1;
    for (let tenth = -80; tenth <= 80; tenth += 4) {
      const t = Math.tan((tenth / 10) * Math.PI / 180);
      const rows = new Float64Array(h + w);
      for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i] - (xs[i] - w / 2) * t + w / 2)]++;
      let score = 0;
      for (let i = 1; i < rows.length; i++) score += (rows[i] - rows[i - 1]) ** 2;
      if (score > bestScore) { bestScore = score; best = tenth / 10; }
    }
    return best;
  }

  /* The lower part of the picture turned level, in grey, scaled so that the MRZ's capitals come
     out about 35 pixels tall, its contrast stretched to the full range and its edges sharpened. */
  function levelled(source, width, height, angle) {
    const scale = Math.min(3, 2200 / width);
    const top = Math.floor(height * FROM);
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round((height - top) * scale);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.fillStyle = "#808080";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.translate(canvas.width / 2, canvas.height / 2);
    context.rotate((-angle * Math.PI) / 180);
    context.scale(scale, scale);
    context.drawImage(source, -width / 2, -(top + height) / 2);
    const w = canvas.width, h = canvas.height;
    const grey = greyPixels(canvas);
    const histogram = new Uint32Array(256);
    for (let i = 0; i < grey.length; i++) histogram[grey[i] | 0]++;
    let low = 0, high = 255, seen = 0;
    while (low < 255 && (seen += histogram[low]) < grey.length * 0.01) low++;
    seen = 0;
    while (high > 0 && (seen += histogram[high]) < grey.length * 0.01) high--;
    const span = Math.max(1, high - low);
    for (let i = 0; i < grey.length; i++) grey[i] = ((grey[i] - low) * 255) / span;
    // Sensor noise averaged out first, so that neither the sharpening nor a threshold feeds it.
    const smooth = boxMean(grey, w, h, 1, false);
    return { canvas, grey: smooth, w, h, scale };
  }

  /* Edges made steeper (an unsharp mask): a slightly blurred print comes back to its shape. */
  function sharpened({ grey, w, h, scale }) {
    const blurred = boxMean(grey, w, h, Math.max(2, Math.round(scale * 1.5)), false);
    const out = new Float32Array(grey.length);
    for (let i = 0; i < grey.length; i++) out[i] = grey[i] + 1.2 * (grey[i] - blurred[i]);
    return out;
  }

  /* Sauvola's threshold: black where a pixel is darker than its neighbourhood's mean, lowered
     where the neighbourhood is flat, so a shadow or dim corner does not turn black. */
  function sauvola({ grey, w, h }, k, contrast) {
    const r = Math.max(10, Math.round(w / 60));
    const mean = boxMean(grey, w, h, r, false);
    const square = boxMean(grey, w, h, r, true);
    const out = new Float32Array(grey.length);
    for (let i = 0; i < grey.length; i++) {
      const sd = Math.sqrt(Math.max(0, square[i] - mean[i] * mean[i]));
      const ink = grey[i] < mean[i] * (1 + k * (sd / 128 - 1)) && mean[i] - grey[i] > contrast;
      out[i] = ink ? 0 : 255;
    }
    return out;
  }

  /* Where the MRZ is in the levelled picture, as [left, top, right, bottom]: the lowest two rows
     of print with the most separate strokes (44 characters each, more than any other line on the
     page), cut from the card's edge by the blank margin before the first character. */
  function band(level) {
    const { w, h } = level;
    const ink = sauvola(level, 0.2, 16);
    const strokes = new Float32Array(h);
    for (let y = 0; y < h; y++) {
      let dark = 0;
      for (let x = 1; x < w; x++) {
        if (ink[y * w + x] === 0) dark++;
        if (ink[y * w + x] === 0 && ink[y * w + x - 1] !== 0) strokes[y]++;
      }
      if (dark > w * 0.5) strokes[y] = 0;  // an edge of the card or a shadow, not print
    }
    const most = Math.max(...strokes);
    if (most < 20) return null;
    const rows = [];
    for (let y = 0; y < h; y++) {
      const inText = strokes[y] > most * 0.35;
      if (inText && (!rows.length || rows[rows.length - 1][1] < y - 1)) rows.push([y, y]);
      else if (inText) rows[rows.length - 1][1] = y;
    }
    const lines = rows.filter(([a, b]) => b - a >= 6);
    // The lowest two rows of print alike in height, one under the other.
    let pair = null;
    for (let i = lines.length - 1; i >= 1 && !pair; i--) {
      const [a, b] = [lines[i - 1], lines[i]];
      const [ha, hb] = [a[1] - a[0], b[1] - b[0]];
      if (Math.max(ha, hb) < 1.6 * Math.min(ha, hb) && b[0] - a[1] < 1.5 * Math.max(ha, hb)) {
        pair = [a, b];
      }
    }
    if (!pair) return null;
    const [first, second] = pair;
    const tall = Math.max(first[1] - first[0], second[1] - second[0]);
    const top = Math.max(0, first[0] - tall);
    const bottom = Math.min(h, second[1] + tall);
    // Columns with ink in the two lines, grouped where the gaps are narrower than two characters.
    const used = new Uint8Array(w);
    for (let y = first[0]; y <= second[1]; y++) {
      for (let x = 0; x < w; x++) if (ink[y * w + x] === 0) used[x] = 1;
    }
    let best = null, start = -1, last = -1;
    const gap = tall * 1.6;
    for (let x = 0; x <= w; x++) {
      if (x < w && !used[x]) continue;
      if (x < w && start >= 0 && x - last <= gap) { last = x; continue; }
      if (start >= 0 && (!best || last - start > best[1] - best[0])) best = [start, last];
      start = last = x;
    }
    if (!best || best[1] - best[0] < w * 0.3) return null;
    return [Math.max(0, best[0] - tall), top, Math.min(w, best[1] + tall), bottom, tall];
  }

  /* The MRZ cut out of the levelled picture, enlarged until a line of print is about 44 pixels
     tall (where Tesseract's legacy engine reads OCR-B best). */
  function cut(level, box) {
    if (!box) return level;
    const [left, top, right, bottom, tall] = box;
    const piece = document.createElement("canvas");
    piece.width = right - left;
    piece.height = bottom - top;
    const source = document.createElement("canvas");
    source.width = level.w;
    source.height = level.h;
    putGrey(source, level.grey);
    const zoom = Math.max(1, Math.min(3, TALL / tall));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(piece.width * zoom);
    canvas.height = Math.round(piece.height * zoom);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.imageSmoothingQuality = "high";
    context.drawImage(source, left, top, piece.width, piece.height, 0, 0, canvas.width, canvas.height);
    return { grey: greyPixels(canvas), w: canvas.width, h: canvas.height, scale: level.scale * zoom };
  }

  /* The picture with its light made even: each pixel against the brightness around it, so a
     shadow across the page or a dim corner no longer shifts where ink ends and paper begins. */
  function evened({ grey, w, h, scale }) {
    const around = boxMean(grey, w, h, Math.max(12, Math.round(h / 2)), false);
    const out = new Float32Array(grey.length);
    for (let i = 0; i < grey.length; i++) out[i] = (grey[i] / Math.max(8, around[i])) * 200;
    return { grey: out, w, h, scale };
  }

  /* Black for the darkest ``share`` of the pixels: a small share draws thin strokes, a larger
     one bold strokes; the engine misreads different characters at each, so several are read. */
  function inked({ grey }, share) {
    const sorted = Float32Array.from(grey).sort();
    const cut = sorted[Math.floor(sorted.length * share)];
    const out = new Float32Array(grey.length);
    for (let i = 0; i < grey.length; i++) out[i] = grey[i] <= cut ? 0 : 255;
    return out;
  }

  function pictures(source, width, height) {
    const angle = skew(source, width, height);
    const whole = levelled(source, width, height, angle);
    const level = evened(cut(whole, band(whole)));
    const sharp = { ...level, grey: sharpened(level) };
    const shares = [0.14, 0.18, 0.11, 0.22, 0.09];
    const variants = [() => sharp.grey, ...shares.map((share) => () => inked(sharp, share))];
    return { level, variants: variants.map((make) => () => {
      const canvas = document.createElement("canvas");
      canvas.width = level.w;
      canvas.height = level.h;
      putGrey(canvas, make());
      return canvas;
    }) };
  }

  /* --- Reading by matching ----------------------------------------------------------------------
     Every MRZ is printed in OCR-B, 44 characters at a fixed pitch: each character's cell is
     compared with the 37 OCR-B glyphs (mrz-glyphs.js), which stays right when the print is too
     blurred for a general-purpose engine. Only a pair of lines passing every check is taken. */

  let templates = null;
  const DOUBT = 0.06;  // a cell whose best and runner-up glyphs score this close is in doubt

  function glyphs() {
    if (templates || !window.MrzGlyphs) return templates;
    const { width, height, glyphs: drawn } = window.MrzGlyphs;
    templates = Object.entries(drawn).map(([character, data]) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      return { character, values: normalised(Float32Array.from(bytes, (v) => 255 - v)) };
    });
    templates.width = width;
    templates.height = height;
    return templates;
  }

  function normalised(values) {
    let mean = 0;
    for (const v of values) mean += v;
    mean /= values.length;
    let norm = 0;
    for (let i = 0; i < values.length; i++) { values[i] -= mean; norm += values[i] * values[i]; }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i++) values[i] /= norm;
    return values;
  }

  /* The rows and columns of the two lines of print in the cut-out MRZ: [top, bottom, left, right]
     of each, from the darkest fifth of its pixels. */
  function printedLines(level) {
    const { w, h } = level;
    const ink = inked(level, 0.16);
    const rows = new Float32Array(h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (!ink[y * w + x]) rows[y]++;
    const most = Math.max(...rows);
    const runs = [];
    for (let y = 0; y < h; y++) {
      if (rows[y] <= most * 0.25) continue;
      if (runs.length && runs[runs.length - 1][1] === y - 1) runs[runs.length - 1][1] = y;
      else runs.push([y, y]);
    }
    const tallest = runs.sort((a, b) => (b[1] - b[0]) - (a[1] - a[0])).slice(0, 2);
    if (tallest.length < 2) return null;
    return tallest.sort((a, b) => a[0] - b[0]).map(([top, bottom]) => {
      const used = new Uint8Array(w);
      for (let y = top; y <= bottom; y++) for (let x = 0; x < w; x++) if (!ink[y * w + x]) used[x] = 1;
      const gap = (bottom - top) * 1.2;
      let best = null, start = -1, last = -1;
      for (let x = 0; x <= w; x++) {
        if (x < w && !used[x]) continue;
        if (x < w && start >= 0 && x - last <= gap) { last = x; continue; }
        if (start >= 0 && (!best || last - start > best[1] - best[0])) best = [start, last];
        start = last = x;
      }
      return best && [top, bottom, best[0], best[1]];
    });
  }

  function sample(grey, w, h, x, y) {
    const x0 = Math.max(0, Math.min(w - 2, Math.floor(x))), y0 = Math.max(0, Math.min(h - 2, Math.floor(y)));
    const fx = Math.max(0, Math.min(1, x - x0)), fy = Math.max(0, Math.min(1, y - y0));
    const i = y0 * w + x0;
    return (grey[i] * (1 - fx) + grey[i + 1] * fx) * (1 - fy) + (grey[i + w] * (1 - fx) + grey[i + w + 1] * fx) * fy;
  }

  // What each position of a TD3 line may hold (ICAO 9303 part 4).
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
  const DIGITS = "0123456789";
  const ANY = LETTERS + DIGITS;
  function allowed(row, i) {
    if (row === 0) return i === 0 ? "P" : LETTERS;
    if (i >= 10 && i < 13) return LETTERS;
    if (i === 20) return "FMX<";
    if ((i >= 13 && i < 20) || (i >= 21 && i < 28) || i === 43 || i === 9) return DIGITS;
    if (i === 42) return DIGITS + "<";
    return ANY;
  }

  /* One line read cell by cell: for each, the best glyph and the runner-up, with their scores.
     The cell's place follows the previous cell's, so a slightly wrong pitch does not drift. */
  function matchLine(level, [top, bottom, left, right], row) {
    const shapes = glyphs();
    const { grey, w, h } = level;
    const { width: tw, height: th } = shapes;
    // Ink spans 44 cells less the first glyph's left and the last glyph's right bearing.
    const pitch = (right - left) / (44 - 0.31);
    const capHeight = bottom - top;
    const cellHeight = capHeight / 0.75;
    const stepX = pitch / tw, stepY = cellHeight / th;
    let drift = 0;
    const cells = [];
    for (let i = 0; i < 44; i++) {
      const x0 = left - 0.17 * pitch + i * pitch + drift;
      const y0 = top - cellHeight / 8;
      let best = null;
      const choices = new Map();
      for (let dy = -2; dy <= 2; dy += 2) {
        for (let dx = -0.2 * pitch; dx <= 0.2 * pitch + 0.01; dx += Math.max(1, 0.05 * pitch)) {
          const patch = new Float32Array(tw * th);
          for (let v = 0; v < th; v++) {
            for (let u = 0; u < tw; u++) {
              patch[v * tw + u] = 255 - sample(grey, w, h, x0 + dx + (u + 0.5) * stepX, y0 + dy + (v + 0.5) * stepY);
            }
          }
          normalised(patch);
          for (const shape of shapes) {
            if (!allowed(row, i).includes(shape.character)) continue;
            let score = 0;
            for (let k = 0; k < patch.length; k++) score += patch[k] * shape.values[k];
            if (score > (choices.get(shape.character) ?? -2)) choices.set(shape.character, score);
            if (!best || score > best.score) best = { score, dx };
          }
        }
      }
      drift += best.dx * 0.7;
      const ranked = [...choices].sort((a, b) => b[1] - a[1]);
      cells.push({ best: ranked[0][0], next: ranked[1] ? ranked[1][0] : ranked[0][0],
        margin: ranked[1] ? ranked[0][1] - ranked[1][1] : 1 });
    }
    return cells;
  }

  /* The two lines by matching, the least certain cells of the second line tried with their
     runner-up (one or two at a time) until every check digit passes; null otherwise. */
  function matched(level) {
    if (!glyphs()) return null;
    const lines = printedLines(level);
    if (!lines || !lines[0] || !lines[1]) return null;
    const [first, second] = lines.map((line, row) => matchLine(level, line, row));
    const text = (cells) => cells.map((c) => c.best).join("");
    const firstText = text(first);
    const plain = Mrz.fromOcr(firstText + "\n" + text(second));
    if (plain) return plain;
    // Only cells nearly as like their runner-up as their best: a clear misread is not guessed at,
    // since every guess is one more chance for a wrong line to pass the check digits by luck.
    const doubtful = second.map((c, i) => [c.margin, i]).filter(([margin]) => margin < DOUBT)
      .sort((a, b) => a[0] - b[0]).slice(0, 5);
    const tries = doubtful.map(([, i]) => [i]);
    for (let a = 0; a < Math.min(4, doubtful.length); a++) {
      for (let b = a + 1; b < Math.min(4, doubtful.length); b++) tries.push([doubtful[a][1], doubtful[b][1]]);
    }
    for (const changes of tries) {
      const chars = second.map((c) => c.best);
      for (const i of changes) chars[i] = second[i].next;
      const lines = Mrz.fromOcr(firstText + "\n" + chars.join(""));
      if (lines) return lines;
    }
    return null;
  }

  /* The MRZ in the picture: the lines read by matching OCR-B, when they pass every check; else
     Tesseract's reading of several versions of the picture: a pair of lines read twice alike, or
     the lines voted character by character when one reading says the same. Nothing otherwise. */
  async function read(source, width, height) {
    const { level, variants } = pictures(source, width, height);
    const byMatching = matched(level);
    if (window.MRZ_DEBUG) console.log("matched: " + JSON.stringify(byMatching));
    if (byMatching) return byMatching;
    const reader = await ocr();
    const texts = [];
    const passing = new Map();
    for (const picture of variants) {
      const { data } = await reader.recognize(picture());
      const text = data.text || "";
      if (window.MRZ_DEBUG) console.log(text);
      texts.push(text);
      const lines = Mrz.fromOcr(text);
      if (!lines) continue;
      const key = lines.join("\n");
      passing.set(key, (passing.get(key) || 0) + 1);
      if (passing.get(key) >= 2) return lines;
    }
    // A single passing reading may pass by luck: taken only when the vote of all agrees with it.
    const voted = Mrz.fromOcr(Mrz.vote(texts));
    return voted && passing.has(voted.join("\n")) ? voted : null;
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
