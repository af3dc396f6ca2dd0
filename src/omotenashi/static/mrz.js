/* The machine-readable zone of a passport (ICAO 9303 TD3), read from OCR text on the phone.
   The twin of omotenashi/visitors/mrz.py for what the browser needs: check digits, and turning
   what OCR saw into the two 44-character lines when, and only when, every check digit agrees. */
(function () {
  "use strict";
  const LENGTH = 44;
  const WEIGHTS = [7, 3, 1];

  function checkDigit(text) {
    let total = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      let value;
      if (c >= "0" && c <= "9") value = c.charCodeAt(0) - 48;
      else if (c >= "A" && c <= "Z") value = c.charCodeAt(0) - 55;
      else if (c === "<") value = 0;
      else return -1;
      total += value * WEIGHTS[i % 3];
    }
    return total % 10;
  }

  function digitOk(field, digit, mayBeEmpty) {
    if (mayBeEmpty && digit === "<" && /^<*$/.test(field)) return true;
    return /^[0-9]$/.test(digit) && Number(digit) === checkDigit(field);
  }

  /* Every check digit of a TD3 second line (the first line has none). */
  function secondLineOk(line) {
    return line.length === LENGTH &&
      digitOk(line.slice(0, 9), line[9]) &&
      digitOk(line.slice(13, 19), line[19]) &&
      digitOk(line.slice(21, 27), line[27]) &&
      digitOk(line.slice(28, 42), line[42], true) &&
      digitOk(line.slice(0, 10) + line.slice(13, 20) + line.slice(21, 43), line[43]);
  }

  // What OCR confuses, by the kind of character a position may hold.
  const AS_DIGIT = { O: "0", Q: "0", D: "0", U: "0", I: "1", L: "1", T: "1", Z: "2", S: "5", G: "6", B: "8" };
  const AS_LETTER = { "0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B" };

  function only(text, table) {
    return Array.from(text, (c) => table[c] || c).join("");
  }

  function clean(text) {
    // Fillers are sometimes seen as « or ‹; spaces OCR puts between characters mean nothing.
    return text.toUpperCase().replace(/[«‹]/g, "<").replace(/\s+/g, "").replace(/[^A-Z0-9<]/g, "");
  }

  function fit(line) {
    if (line.length > LENGTH) return line.slice(0, LENGTH);
    return line + "<".repeat(LENGTH - line.length);
  }

  /* The first line, with fillers and letters where ICAO puts only those. */
  function firstLine(raw) {
    let line = fit(raw);
    if (line[0] !== "P") line = "P" + line.slice(1);
    // After the document type and state, only letters and fillers; a K between fillers is a <.
    const rest = only(line.slice(2), AS_LETTER).replace(/[0-9]/g, "<");
    return line.slice(0, 2) + rest;
  }

  function secondLine(raw) {
    const line = fit(raw).split("");
    const digits = [9, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 43];
    for (const i of digits) line[i] = AS_DIGIT[line[i]] || line[i];
    for (let i = 10; i < 13; i++) line[i] = AS_LETTER[line[i]] || line[i];
    line[20] = { "H": "M", "E": "F", "P": "F" }[line[20]] || line[20];
    return line.join("");
  }

  // Characters the number field (letters and digits alike) is misread between.
  const LOOK_ALIKES = { "0": "OD", O: "0", D: "0", "1": "I", I: "1", "2": "Z", Z: "2", "5": "S",
    S: "5", "6": "GC", G: "6", C: "6", "8": "B", B: "8" };

  /* The second line with its passport number repaired, when swapping one or two look-alikes makes
     both the number's and the composite check digit match; as it is otherwise. */
  function repaired(line) {
    if (secondLineOk(line)) return line;
    const swaps = [];
    for (let i = 0; i < 9; i++) for (const c of LOOK_ALIKES[line[i]] || "") swaps.push([i, c]);
    // One swap only: with two, a wrong number passes both check digits far too often.
    for (const changes of swaps.map((swap) => [swap])) {
      const chars = line.split("");
      for (const [i, c] of changes) chars[i] = c;
      const candidate = chars.join("");
      if (secondLineOk(candidate)) return candidate;
    }
    return line;
  }

  // ICAO 9303 Part 3 state codes (ISO 3166-1 alpha-3 and ICAO's own, UTO being the specimens'),
  // so that a nationality misread into a code no state has is not taken.
  const STATES = new Set("ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE D DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH EUE FIN FJI FLK FRA FRO FSM GAB GBD GBN GBO GBP GBR GBS GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU RKS ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI UNA UNK UNO URY USA UTO UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM XBA XCC XCE XDC XES XIM XOM XPO XXA XXB XXC XXX YEM ZAF ZMB ZWE".split(" "));

  function stateOk(field) { return STATES.has(field.replace(/<+$/, "")); }

  // After the first digit of the passport number, what looks like a digit most often is one.
  const DIGIT_LIKE = { O: "0", D: "0", I: "1", Z: "2", S: "5", G: "6", B: "8", A: "4" };

  function digitsFirst(line) {
    const number = line.slice(0, 9);
    const first = number.search(/[0-9]/);
    if (first < 0) return line;
    // Numbers are mostly a letter prefix of one or two, then digits.
    for (const start of new Set([Math.min(first, 2), Math.min(first, 1), first])) {
      const fixed = number.slice(0, start) + only(number.slice(start), DIGIT_LIKE);
      const candidate = fixed + line.slice(9);
      if (candidate !== line && secondLineOk(candidate)) return candidate;
    }
    return line;
  }

  /* A name field as ICAO writes it: the primary identifier, then << and the secondary one, their
     parts joined by single fillers, fillers after. A garbled read (a letter among the trailing
     fillers, a run of three fillers inside the name) has another shape. */
  function nameOk(first) {
    return /^[A-Z]+(<[A-Z]+)*(<<[A-Z]+(<[A-Z]+)*)?<*$/.test(first.slice(5));
  }

  /* Several OCR readings of the same picture merged: the last two lines of 44 characters of each
     reading, voted position by position (the most frequent character wins). */
  function vote(texts) {
    const pairs = [];
    for (const text of texts) {
      const lines = text.split(/\n/).map(clean).filter((l) => l.length === LENGTH);
      if (lines.length >= 2) pairs.push(lines.slice(-2));
    }
    if (!pairs.length) return "";
    return [0, 1].map((row) => Array.from({ length: LENGTH }, (_, i) => {
      const counts = {};
      for (const pair of pairs) counts[pair[row][i]] = (counts[pair[row][i]] || 0) + 1;
      return Object.keys(counts).reduce((a, b) => (counts[b] > counts[a] ? b : a));
    }).join("")).join("\n");
  }

  /* The two MRZ lines in OCR output, or null when no pair of lines passes every check digit. */
  function fromOcr(text) {
    const candidates = text.split(/\n/).map(clean).filter((l) => l.length >= 38 && l.length <= 50);
    for (let i = candidates.length - 1; i >= 1; i--) {
      const second = repaired(digitsFirst(secondLine(candidates[i])));
      if (!secondLineOk(second)) {
        // A stray character at the start (the page's edge) is common: try without it.
        const trimmed = repaired(digitsFirst(secondLine(candidates[i].slice(1))));
        const first = firstLine(candidates[i - 1]);
        const agree = first.slice(2, 5) === trimmed.slice(10, 13) && stateOk(trimmed.slice(10, 13));
        if (!secondLineOk(trimmed) || !agree || !nameOk(first)) continue;
        return [first, trimmed];
      }
      const first = firstLine(candidates[i - 1]);
      // No check digit covers the first line: its state must at least agree with the second's.
      const agree = first.slice(2, 5) === second.slice(10, 13) && stateOk(second.slice(10, 13));
      if (agree && nameOk(first)) {
        return [first, second];
      }
    }
    return null;
  }

  window.Mrz = { checkDigit, secondLineOk, fromOcr, vote, LENGTH };
})();
