// Bundles each web resource into one browser script (IIFE) under dist/, named as the solution ships it.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

const common = { bundle: true, format: "iife", target: "es2019", minify: false, sourcemap: false, legalComments: "none" };
await build({ ...common, entryPoints: ["src/customerForm.ts"], outfile: "dist/cx_/scripts/customerForm.js", globalName: "CrmExtensions.CustomerForm" });
await build({ ...common, entryPoints: ["src/recalculateCommand.ts"], outfile: "dist/cx_/scripts/recalculateCommand.js", globalName: "CrmExtensions.RecalculateCommand" });
await build({ ...common, entryPoints: ["src/recalculationJobCommand.ts"], outfile: "dist/cx_/scripts/recalculationJobCommand.js", globalName: "CrmExtensions.RecalculationJobCommand" });
await build({ ...common, entryPoints: ["src/dashboard/main.ts"], outfile: "dist/cx_/dashboard/customerValue.js" });
await build({ ...common, entryPoints: ["src/form/main.ts"], outfile: "dist/cx_/form/customerSummary.js" });
for (const [from, to] of [
  ["src/dashboard/customerValue.html", "dist/cx_/dashboard/customerValue.html"],
  ["src/form/customerSummary.html", "dist/cx_/form/customerSummary.html"],
  ["src/styles/fluent.css", "dist/cx_/styles/fluent.css"],
  ["src/icons/customerValue.svg", "dist/cx_/icons/customerValue.svg"],
]) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
