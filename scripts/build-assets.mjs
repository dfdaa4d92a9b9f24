// Builds the app's CSS and JavaScript from GOV.UK Frontend into guidance_app/static/.
// Why our own build: the precompiled GOV.UK stylesheet uses the GDS Transport font and
// the crown assets, which only GOV.UK may use. Compiling the Sass lets us switch to a
// system font stack, and rtlcss gives Arabic and Urdu pages a mirrored stylesheet.
import { mkdirSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
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
// Fonts for Arabic, Urdu and Bengali pages (see scss/_fonts.scss), with their licence.
mkdirSync(join(staticDir, "fonts"), { recursive: true });
for (const name of readdirSync(join(assets, "fonts"))) {
  copyFileSync(join(assets, "fonts", name), join(staticDir, "fonts", name));
}
// Compressed copies next to each file: WhiteNoise serves the .br or .gz one to browsers that
// accept it, so a phone downloads about a sixth of the bytes, with no work per request.
for (const folder of ["css", "js"]) {
  for (const name of readdirSync(join(staticDir, folder))) {
    if (!/\.(css|js)$/.test(name)) continue;
    const file = join(staticDir, folder, name);
    const body = readFileSync(file);
    writeFileSync(file + ".gz", gzipSync(body, { level: 9 }));
    writeFileSync(file + ".br", brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}
console.log("assets built into guidance_app/static/");
