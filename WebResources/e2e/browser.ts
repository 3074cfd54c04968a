import { chromium, type Browser, type Page } from "playwright-core";
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import type { AddressInfo } from "node:net";

// Serves the built web resources (as Dynamics serves them under WebResources/), the harness fixtures and the solution
// source (the dashboard's FormXml) on loopback only; the browser starts with background networking off because this
// machine has no internet.
export const root = resolve(__dirname, "..");
const solution = resolve(root, "..", "Solution", "src");
export const artifacts = resolve(root, "..", "artifacts");
const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".xml": "application/xml" };

export interface Harness {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(root, "dist/cx_/dashboard/customerValue.js"))) throw new Error("Run `npm run build` first: dist/ is missing.");
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? "/").split("?")[0]));
    const file = path.startsWith("/fixtures/") ? join(root, "e2e", path)
      : path.startsWith("/solution/") ? join(solution, path.substring("/solution/".length))
      : join(root, "dist", path);
    if (!(file.startsWith(root) || file.startsWith(solution)) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The one dashboard Solution/src ships (its file is named by its FormId). */
export function dashboardFile(): string {
  const files = readdirSync(join(solution, "Dashboards"));
  if (files.length !== 1) throw new Error(`Expected one dashboard in Solution/src/Dashboards, found ${files.length}.`);
  return `Dashboards/${files[0]}`;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}
