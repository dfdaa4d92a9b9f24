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
