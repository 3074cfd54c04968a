import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import type { AddressInfo } from "node:net";

// Serves the built web resources and the harness on loopback only; the browser starts with its background
// networking off because this machine has no internet.
const root = resolve(__dirname, "..");
const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
let server: Server;
let browser: Browser;
let base = "";

beforeAll(async () => {
  if (!existsSync(join(root, "dist/cx_/dashboard/customerValue.js"))) throw new Error("Run `npm run build` first: dist/ is missing.");
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? "/").split("?")[0]));
    const file = path.startsWith("/fixtures/") ? join(root, "e2e", path) : join(root, "dist", path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

describe("customer value dashboard in Chromium", () => {
  it("draws the value matrix, distributions, churn list and retention work from Xrm.WebApi", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1600 } });
    await page.goto(`${base}/fixtures/harness.html`);
    const frame = page.frameLocator("#dashboard");
    await frame.locator("[data-testid=value-matrix]").waitFor();

    await expect.poll(() => frame.locator("h1").textContent()).toBe("Customer value — 8 rated accounts");
    expect(await frame.locator("[data-testid=quadrant-platinum]").textContent()).toBe("Platinum (2)");
    expect(await frame.locator("[data-testid=quadrant-gold]").textContent()).toBe("Gold (3)");
    expect(await frame.locator("[data-testid=quadrant-iron]").textContent()).toBe("Iron (1)");
    expect(await frame.locator("[data-testid=quadrant-lead]").textContent()).toBe("Lead (2)");
    expect(await frame.locator("circle").count()).toBe(8);
    expect(await frame.locator("circle[data-tier=Gold]").count()).toBe(3);
    expect(await frame.locator("[data-testid=threshold-current]").count()).toBe(1);
    expect(await frame.locator("[data-testid=tier-count-platinum]").textContent()).toBe("2");
    expect(await frame.locator("[data-testid=stage-count-decline]").textContent()).toBe("2");
    expect(await frame.locator("[data-testid=churn-list] tr").count()).toBe(1 + 4);
    expect(await frame.locator("[data-testid=churn-list] tr").nth(1).textContent()).toContain("Wingtip Partners");
    const retention = frame.locator("[data-testid=retention-list] tr");
    expect(await retention.count()).toBe(1 + 3);
    expect(await retention.nth(1).textContent()).toContain("Satisfaction survey");
    // Data is text, never markup.
    expect(await frame.locator("b").count()).toBe(0);

    mkdirSync(join(root, "..", "artifacts"), { recursive: true });
    await page.screenshot({ path: join(root, "..", "artifacts", "dashboard.png"), fullPage: true });
    await page.close();
  });

  it("says so when opened outside Dynamics 365", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/fixtures/no-xrm.html`);
    const error = page.frameLocator("#dashboard").locator("[data-testid=error]");
    await error.waitFor();
    expect(await error.textContent()).toContain("the Xrm Web API is not available");
    await page.close();
  });
});
