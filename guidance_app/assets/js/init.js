// Starts GOV.UK Frontend's components (menu, details, character counts, error summary focus),
// then turns long lists (the council list) into a search box. Without JavaScript they stay
// ordinary <select> lists, which work everywhere.
import { initAll } from "./govuk-frontend.min.js";

initAll();

if (window.accessibleAutocomplete) {
  document.querySelectorAll('select[data-module="app-autocomplete"]').forEach((select) => {
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      tNoResults: () => select.dataset.noResults || "No results found",
      tStatusQueryTooShort: (n) => select.dataset.tooShort || `Type in ${n} or more characters for results`,
    });
  });
}

// The chat: send each message without reloading the page. The new messages go into the log,
// an ARIA live region, so screen readers read them out; focus stays in the message box.
// Without JavaScript the same form posts and the page is drawn again.
const chat = document.querySelector('[data-module="app-chat"]');
if (chat && window.fetch) {
  const form = chat.querySelector("form");
  const log = chat.querySelector("#chat-log");
  const replies = chat.querySelector("#chat-replies");
  const box = chat.querySelector("#message");
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const data = new FormData(form);
    if (event.submitter && event.submitter.name === "message") data.set("message", event.submitter.value);
    if (!String(data.get("message") || "").trim() && !(event.submitter && event.submitter.name)) {
      box.focus();
      return;
    }
    sending = true;
    form.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(form.action, {
        method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (!response.ok) {
        form.submit();  // let the server draw the page with its error message
        return;
      }
      const result = await response.json();
      log.querySelectorAll("#latest").forEach((old) => old.removeAttribute("id"));
      log.insertAdjacentHTML("beforeend", result.html);
      replies.innerHTML = result.replies;
      box.value = "";
      const latest = log.lastElementChild;
      if (latest) latest.scrollIntoView({ block: "nearest" });
      box.focus();
    } finally {
      sending = false;
      form.removeAttribute("aria-busy");
    }
  });
}
