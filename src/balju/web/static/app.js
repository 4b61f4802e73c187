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
