// balju web: a little vanilla JS — no framework, nothing from a CDN.
document.addEventListener("DOMContentLoaded", () => {
  // Upload forms (the RFP, a corrected function list): refuse an oversized file before sending it,
  // and show that the review is running.
  for (const form of document.querySelectorAll("form[data-max-bytes]")) {
    const maxBytes = Number(form.dataset.maxBytes || 0);
    const warning = form.parentElement.querySelector(".client-problem");
    form.addEventListener("submit", (event) => {
      const file = form.querySelector("input[type=file]").files[0];
      if (file && maxBytes && file.size > maxBytes) {
        event.preventDefault();
        warning.textContent = `파일이 너무 큽니다 (${(file.size / 1048576).toFixed(1)} MB > ${maxBytes / 1048576} MB). ` +
          (form.id === "upload" ? "제안요청서 본문만 담은 파일로 나누어 올려 주세요." : "기능 목록만 담은 파일을 올려 주세요.");
        warning.hidden = false;
        return;
      }
      form.querySelector("button[type=submit]").disabled = true;
      form.querySelector(".busy").hidden = false;
    });
  }
  // Delete: ask first.
  for (const del of document.querySelectorAll("form[data-confirm]")) {
    del.addEventListener("submit", (event) => {
      if (!window.confirm(del.dataset.confirm)) event.preventDefault();
    });
  }
  // 기능 목록 고치기: the running count and 간이법 total (all, and per requirement), changed rows,
  // 행 추가 (at the end, or under one requirement), 신뢰도 낮은 행만 보기, and a question before
  // leaving the page with unsaved edits.
  const edit = document.getElementById("edit");
  if (edit) {
    const weights = edit.dataset.weights ? JSON.parse(edit.dataset.weights) : null;
    const detailed = edit.dataset.detailed ? JSON.parse(edit.dataset.detailed) : null;
    const method = edit.querySelector("select.method");
    // 정통법: the complexity from DET and RET/FTR by the 기준일's matrix, then its weight; null when a value is missing
    const detailedWeight = (row, kind) => {
      const spec = detailed && detailed.matrix[kind];
      if (!spec) return null;
      const det = Number(get(row, "det").value.trim() || NaN), records = Number(get(row, "rf").value.trim() || NaN);
      if (!Number.isInteger(det) || det < 1 || !Number.isInteger(records) || records < spec.min_records) return null;
      const column = spec.det.filter((bound) => det > bound).length;
      const line = spec.records.filter((bound) => records > bound).length;
      return detailed.weights[kind][spec.grid[line][column]];
    };
    const body = edit.querySelector("tbody");
    const rowCount = edit.querySelector("input[name=n]");
    const functionRows = () => body.querySelectorAll("tr.fn");
    const get = (row, key) => row.querySelector(`[data-f=${key}]`);
    const edited = (row) => [...row.querySelectorAll("input[type=text]")].some((el) => el.value !== el.defaultValue) ||
      [...row.querySelectorAll("option")].some((el) => el.selected !== el.defaultSelected) ||
      get(row, "drop").checked !== get(row, "drop").defaultChecked;
    const points = (value) => value.toFixed(1).replace(/\.0$/, "");
    let leaving = false;
    const tally = () => {
      let count = 0, total = 0, changed = 0, missing = 0;
      const byDetailed = method && method.value === "detailed" && detailed;
      const bySection = new Map();
      for (const row of functionRows()) {
        const dropped = get(row, "drop").checked;
        row.classList.toggle("dropped", dropped);
        row.classList.toggle("changed", row.dataset.serverChanged === "1" || edited(row));
        if (row.classList.contains("changed")) changed += 1;
        const kind = get(row, "type").value;
        row.classList.remove("needs");
        if (dropped || (!get(row, "name").value.trim() && !kind)) continue;
        let weight = weights && weights[kind] !== undefined ? weights[kind] : 0;
        if (byDetailed) {
          weight = detailedWeight(row, kind);
          if (weight === null) { missing += 1; row.classList.add("needs"); weight = 0; }
        }
        count += 1;
        total += weight;
        const section = bySection.get(row.dataset.section) || { count: 0, fp: 0 };
        bySection.set(row.dataset.section, { count: section.count + 1, fp: section.fp + weight });
      }
      edit.querySelector(".tally-count").textContent = count;
      edit.querySelector(".tally-changed").textContent = changed;
      const fp = edit.querySelector(".tally-fp");
      if (fp) fp.textContent = byDetailed && missing ? "—" : points(total);
      const label = edit.querySelector(".tally-method");
      if (label) label.textContent = byDetailed ? "정통법" : "간이법";
      edit.querySelector(".tally-missing").hidden = !(byDetailed && missing);
      edit.querySelector(".tally-missing-count").textContent = missing;
      for (const head of body.querySelectorAll("tr.req")) {
        const section = bySection.get(head.dataset.section) || { count: 0, fp: 0 };
        head.querySelector(".sec-count").textContent = section.count;
        const sectionFp = head.querySelector(".sec-fp");
        if (sectionFp) sectionFp.textContent = points(section.fp);
      }
    };
    for (const row of functionRows()) row.dataset.serverChanged = row.classList.contains("changed") ? "1" : "0";
    edit.addEventListener("input", tally);
    edit.addEventListener("change", tally);
    // a new empty row (a copy of the last one, cleared), numbered after every row the form has
    const newRow = (section, requirement) => {
      const rows = functionRows();
      const index = Number(rowCount.value);
      const row = rows[rows.length - 1].cloneNode(true);
      row.id = `row-${index + 1}`;
      row.className = "fn";
      row.dataset.serverChanged = "0";
      row.dataset.section = section;
      row.querySelector(".row-no").textContent = index + 1;
      for (const el of row.querySelectorAll("[name]")) {
        el.name = el.name.replace(/\d+$/, index);
        if (el.getAttribute("aria-label")) el.setAttribute("aria-label", el.getAttribute("aria-label").replace(/^\d+/, index + 1));
        if (el.type === "checkbox") { el.checked = false; el.defaultChecked = false; }
        else if (el.tagName !== "SELECT") { el.value = ""; el.defaultValue = ""; }
      }
      const kind = get(row, "type");
      if (!kind.querySelector("option[value='']")) kind.prepend(new Option("—", "", true, true));
      kind.value = "";
      for (const option of kind.options) option.defaultSelected = option.value === "";
      get(row, "req").value = requirement;
      row.querySelector(".evidence").textContent = "";
      row.querySelector(".confidence").textContent = "";
      for (const note of row.querySelectorAll(".row-problem")) note.remove();
      rowCount.value = index + 1;
      return row;
    };
    edit.querySelector(".add-row").addEventListener("click", () => {
      const row = newRow("", "");
      body.append(row);
      get(row, "name").focus();
      tally();
    });
    for (const button of body.querySelectorAll("button.add-here")) {
      button.addEventListener("click", () => {
        const head = button.closest("tr");
        let last = head;
        while (last.nextElementSibling && last.nextElementSibling.classList.contains("fn")) last = last.nextElementSibling;
        const row = newRow(head.dataset.section, button.dataset.req);
        last.after(row);
        head.classList.remove("empty");
        get(row, "name").focus();
        tally();
      });
    }
    // 모두 빼기: leave out every row under one requirement (or, when all are out already, bring them back)
    for (const button of body.querySelectorAll("button.drop-all")) {
      button.addEventListener("click", () => {
        const section = button.closest("tr").dataset.section;
        const boxes = [...functionRows()].filter((row) => row.dataset.section === section).map((row) => get(row, "drop"));
        const all = boxes.every((box) => box.checked);
        for (const box of boxes) box.checked = !all;
        tally();
      });
    }
    // Enter in a cell would submit the form by its first button (다시 산정해 저장): go down a row instead
    edit.addEventListener("keydown", (event) => {
      const cell = event.target;
      if (event.key !== "Enter" || !cell.matches || !cell.matches("tbody input[type=text]")) return;
      event.preventDefault();
      const rows = [...functionRows()];
      const next = rows[rows.indexOf(cell.closest("tr")) + 1];
      const below = next && get(next, cell.dataset.f);
      if (below) below.focus();
    });
    edit.querySelector(".only-low").addEventListener("change", (event) => {
      edit.querySelector("table").classList.toggle("only-low", event.target.checked);
    });
    edit.addEventListener("submit", (event) => {
      leaving = true;
      if (event.submitter && event.submitter.value === "save") edit.querySelector(".busy").hidden = false;
      // a download leaves the page open with its edits: they are still unsaved
      if (event.submitter && event.submitter.value !== "save") setTimeout(() => { leaving = false; }, 0);
    });
    window.addEventListener("beforeunload", (event) => {
      if (!leaving && [...functionRows()].some((row) => row.classList.contains("changed"))) event.preventDefault();
    });
    tally();
  }
  // The embedded report grows to its own height, so the page has one scroll bar.
  const frame = document.getElementById("report");
  if (frame) {
    const fit = () => {
      try {
        const doc = frame.contentDocument;
        if (doc && doc.documentElement) frame.style.height = doc.documentElement.scrollHeight + 20 + "px";
      } catch (e) { /* another origin: keep the fixed height */ }
    };
    frame.addEventListener("load", fit);
    window.addEventListener("resize", fit);
  }
});
