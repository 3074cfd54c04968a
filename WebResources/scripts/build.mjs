// Bundles each web resource into one browser script (IIFE) under dist/, named as the solution ships it.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const common = { bundle: true, format: "iife", target: "es2019", minify: false, sourcemap: false, legalComments: "none" };
await build({ ...common, entryPoints: ["src/customerForm.ts"], outfile: "dist/cx_/scripts/customerForm.js", globalName: "CrmExtensions.CustomerForm" });
await build({ ...common, entryPoints: ["src/recalculateCommand.ts"], outfile: "dist/cx_/scripts/recalculateCommand.js", globalName: "CrmExtensions.RecalculateCommand" });
await build({ ...common, entryPoints: ["src/dashboard/main.ts"], outfile: "dist/cx_/dashboard/customerValue.js" });
mkdirSync("dist/cx_/dashboard", { recursive: true });
copyFileSync("src/dashboard/customerValue.html", "dist/cx_/dashboard/customerValue.html");
mkdirSync("dist/cx_/icons", { recursive: true });
copyFileSync("src/icons/customerValue.svg", "dist/cx_/icons/customerValue.svg");
