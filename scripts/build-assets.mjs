// Builds the app's CSS and JavaScript from GOV.UK Frontend into guidance_app/static/.
// Why our own build: the precompiled GOV.UK stylesheet uses the GDS Transport font and
// the crown assets, which only GOV.UK may use. Compiling the Sass lets us switch to a
// system font stack, and rtlcss gives Arabic and Urdu pages a mirrored stylesheet.
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";
import rtlcss from "rtlcss";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const assets = join(root, "guidance_app", "assets");
const staticDir = join(root, "guidance_app", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(join(staticDir, "css"), { recursive: true });
mkdirSync(join(staticDir, "js"), { recursive: true });

const result = sass.compile(join(assets, "scss", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(staticDir, "css", "app.css"), result.css);
writeFileSync(join(staticDir, "css", "app.rtl.css"), rtlcss.process(result.css));

copyFileSync(join(govuk, "govuk-frontend.min.js"), join(staticDir, "js", "govuk-frontend.min.js"));
copyFileSync(join(assets, "js", "init.js"), join(staticDir, "js", "init.js"));
// The searchable council list: a plain <select> without JavaScript, a search box with it.
copyFileSync(join(root, "node_modules", "accessible-autocomplete", "dist", "accessible-autocomplete.min.js"),
             join(staticDir, "js", "accessible-autocomplete.min.js"));
copyFileSync(join(assets, "images", "favicon.svg"), join(staticDir, "favicon.svg"));
console.log("assets built into guidance_app/static/");
