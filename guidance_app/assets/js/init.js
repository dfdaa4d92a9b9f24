// Starts GOV.UK Frontend's components (menu, details, character counts, error summary focus).
import { initAll } from "./govuk-frontend.min.js";

initAll();
