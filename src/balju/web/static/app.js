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
  // 기능 목록 고치기: the running count and 간이법 total, changed rows, 행 추가, 신뢰도 낮은 행만 보기,
  // and a question before leaving the page with unsaved edits.
  const edit = document.getElementById("edit");
  if (edit) {
    const weights = edit.dataset.weights ? JSON.parse(edit.dataset.weights) : null;
    const rows = edit.querySelector("tbody");
    const rowCount = edit.querySelector("input[name=n]");
    const get = (row, key) => row.querySelector(`[data-f=${key}]`);
    const edited = (row) => [...row.querySelectorAll("input[type=text]")].some((el) => el.value !== el.defaultValue) ||
      [...row.querySelectorAll("option")].some((el) => el.selected !== el.defaultSelected) ||
      get(row, "drop").checked !== get(row, "drop").defaultChecked;
    let leaving = false;
    const tally = () => {
      let count = 0, points = 0, changed = 0;
      for (const row of rows.rows) {
        const dropped = get(row, "drop").checked;
        row.classList.toggle("dropped", dropped);
        row.classList.toggle("changed", row.dataset.serverChanged === "1" || edited(row));
        if (row.classList.contains("changed")) changed += 1;
        const kind = get(row, "type").value;
        if (dropped || (!get(row, "name").value.trim() && !kind)) continue;
        count += 1;
        if (weights && weights[kind] !== undefined) points += weights[kind];
      }
      edit.querySelector(".tally-count").textContent = count;
      edit.querySelector(".tally-changed").textContent = changed;
      const fp = edit.querySelector(".tally-fp");
      if (fp) fp.textContent = points.toFixed(1).replace(/\.0$/, "");
    };
    for (const row of rows.rows) row.dataset.serverChanged = row.classList.contains("changed") ? "1" : "0";
    edit.addEventListener("input", tally);
    edit.addEventListener("change", tally);
    edit.querySelector(".add-row").addEventListener("click", () => {
      const index = Number(rowCount.value);
      const row = rows.rows[rows.rows.length - 1].cloneNode(true);
      row.id = `row-${index + 1}`;
      row.className = "";
      row.dataset.serverChanged = "0";
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
      row.querySelector(".evidence").textContent = "";
      row.querySelector(".confidence").textContent = "";
      for (const note of row.querySelectorAll(".row-problem")) note.remove();
      rows.append(row);
      rowCount.value = index + 1;
      get(row, "name").focus();
      tally();
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
      if (!leaving && [...rows.rows].some((row) => row.classList.contains("changed"))) event.preventDefault();
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
