import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { artifacts, dashboardFile, screenshot, startHarness, type Harness } from "./browser";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const dashboardUrl = (extra = "") => `${harness.base}/fixtures/harness.html?dashboard=${encodeURIComponent(dashboardFile())}${extra}`;

describe("Customer value dashboard in Chromium", () => {
  it("lays out the app's dashboard with the value matrix and the native charts, in the user's format", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(dashboardUrl());
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#dashboard-title").textContent()).toBe("Customer value");
    const tiles = await page.locator("[data-testid=tile] h2").allTextContents();
    expect(tiles).toEqual(["Value matrix", "Customers by tier", "Churn risk band by tier", "Customers by lifecycle stage", "Platinum and gold at high churn risk",
      "Retention tasks due this week, by owner", "Retention calls due this week, by owner", "Lost customers by cause and tier",
      "Lost customers by cause and ending pattern", "Win-back outcome (recovered share)", "Average days to win back, by tier",
      "Lost customers without a recorded cause", "Coverage gaps at platinum and gold accounts"]);

    // The charts' own group-by over the sample rows (Dynamics draws them; the harness shows what they count).
    const tierChart = page.locator("[data-testid=tile]", { hasText: "Customers by tier" }).locator("[data-testid=stand-in-bar]");
    expect(await tierChart.allTextContents()).toEqual(["Gold3", "Iron1", "Lead2", "Platinum2"]);
    const ownerChart = page.locator("[data-testid=tile]", { hasText: "Retention tasks due this week, by owner" }).locator("[data-testid=stand-in-bar]");
    expect(await ownerChart.allTextContents()).toEqual(["Alex Wilber2", "Megan Bowen1"]);
    // Loss charts group by columns whose choice is named differently (cx_tieratloss → cx_tier) and one averages.
    const lossChart = page.locator("[data-testid=tile]", { hasText: "Lost customers by cause and tier" }).locator("[data-testid=stand-in-bar]");
    expect(await lossChart.allTextContents()).toEqual(["Gold · Competitor1", "Gold · Our side1", "Iron · Competitor1", "Lead · (blank)1", "Lead · Customer side1"]);
    const recovery = page.locator("[data-testid=tile]", { hasText: "Average days to win back, by tier" }).locator("[data-testid=stand-in-bar]");
    expect(await recovery.allTextContents()).toEqual(["Gold60", "Iron120"]);

    const matrix = page.frameLocator("#WebResource_valuematrix");
    await matrix.locator("[data-testid=value-matrix]").waitFor();
    expect(await matrix.locator("h1").textContent()).toBe("Value matrix");
    expect(await matrix.locator("[data-testid=summary]").textContent())
      .toBe("8 of 8 rated accounts · Platinum 2 · Gold 3 · Iron 1 · Lead 2 · lines at the configured amounts");
    expect(await matrix.locator("[data-testid=quadrant-platinum]").textContent()).toBe("Platinum · 2");
    expect(await matrix.locator("[data-testid=quadrant-gold]").textContent()).toBe("Gold · 3");
    expect(await matrix.locator("[data-testid=quadrant-iron]").textContent()).toBe("Iron · 1");
    expect(await matrix.locator("[data-testid=quadrant-lead]").textContent()).toBe("Lead · 2");
    expect(await matrix.locator("circle").count()).toBe(8);
    expect(await matrix.locator("circle[data-tier=gold]").count()).toBe(3);
    // The lines in force (from cx_ValueThresholds) labelled with their amounts, and axis values, in the user's format (1.234 €).
    expect(await matrix.locator("[data-testid=threshold-current-label]").textContent()).toBe("Current value line 5.000 €");
    expect(await matrix.locator("[data-testid=threshold-potential-label]").textContent()).toBe("Growth potential line 2.000 €");
    expect(await matrix.locator("[data-testid=tick-x]").allTextContents()).toContain("10.000 €");
    expect(await matrix.locator("[data-testid=tick-y]").first().textContent()).toBe("0 €");
    // Data is text, never markup.
    expect(await matrix.locator("b").count()).toBe(0);
    await screenshot(page, "dashboard.png");
    await page.close();
  });

  it("shows a tooltip per dot, opens the customer on click, and filters by owner and tier", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(dashboardUrl());
    const matrix = page.frameLocator("#WebResource_valuematrix");
    await matrix.locator("[data-testid=value-matrix]").waitFor();

    await matrix.locator("circle[data-id=a5]").hover();
    const tooltip = matrix.locator("[data-testid=tooltip]");
    await tooltip.waitFor({ state: "visible" });
    expect(await tooltip.locator(".cx-tooltip-title").textContent()).toBe("Adatum AGGold");
    expect(await tooltip.locator("dd").allTextContents()).toEqual(["6.000 €", "300 €", "72 · High", "Alex Wilber"]);
    // The tile as the user sees it with the tooltip open (a viewport shot: scrolling would move the dot from under the mouse).
    const tile = await page.locator("#WebResource_valuematrix").boundingBox();
    await page.screenshot({ path: join(artifacts, "matrix-tooltip.png"), clip: tile ?? undefined });

    await matrix.locator("circle[data-id=a7]").click();
    expect(await page.evaluate(() => (window as unknown as { openedForms: unknown[] }).openedForms)).toEqual([{ entityName: "account", entityId: "a7" }]);

    await matrix.locator("[data-testid=owner-filter]").selectOption({ label: "Megan Bowen" });
    expect(await matrix.locator("circle").count()).toBe(4);
    expect(await matrix.locator("[data-testid=quadrant-gold]").textContent()).toBe("Gold · 1");
    await matrix.locator("[data-testid=tier-filter-lead]").uncheck();
    expect(await matrix.locator("circle").count()).toBe(3);
    expect(await matrix.locator("[data-testid=summary]").textContent()).toContain("3 of 8 rated accounts");
    await page.close();
  });

  it("is usable from the keyboard and readable as text", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(dashboardUrl());
    const matrix = page.frameLocator("#WebResource_valuematrix");
    await matrix.locator("[data-testid=value-matrix]").waitFor();

    // One tab stop for the chart: the first dot (lowest current value), then the arrow keys walk left to right.
    await matrix.locator("circle[tabindex='0']").focus();
    expect(await matrix.locator("[data-testid=announcer]").textContent()).toBe("Wingtip Partners, Lead: current value 400 €, growth potential 100 €, churn risk 90 (High), owner Alex Wilber");
    await page.keyboard.press("ArrowRight");
    expect(await matrix.locator("[data-testid=announcer]").textContent()).toMatch(/^Proseware <b>Group<\/b>, Lead/);
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => (window as unknown as { openedForms: { entityId: string }[] }).openedForms.map((f) => f.entityId))).toEqual(["a1"]);
    expect(await matrix.locator("[data-testid=value-matrix]").getAttribute("aria-label")).toContain("Platinum 2, Gold 3, Iron 1, Lead 2");

    expect(await matrix.locator("[data-testid=matrix-table]").isVisible()).toBe(false);
    await matrix.locator("[data-testid=table-toggle]").click();
    const rows = matrix.locator("[data-testid=matrix-table] tr");
    expect(await rows.count()).toBe(1 + 8);
    expect(await rows.nth(1).locator("td").allTextContents()).toEqual(["Contoso Ltd", "Platinum", "42.000 €", "9.000 €", "5", "Alex Wilber"]);
    await rows.nth(1).locator("button").click();
    expect(await page.evaluate(() => (window as unknown as { openedForms: { entityId: string }[] }).openedForms.map((f) => f.entityId))).toEqual(["a1", "a1"]);
    await page.close();
  });

  it("names tiers and churn bands as the platform formats them for the user, in each tier's colour", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(dashboardUrl("&language=de"));
    const matrix = page.frameLocator("#WebResource_valuematrix");
    await matrix.locator("[data-testid=value-matrix]").waitFor();
    expect(await matrix.locator("[data-testid=summary]").textContent())
      .toBe("8 of 8 rated accounts · Platin 2 · Gold 3 · Eisen 1 · Blei 2 · lines at the configured amounts");
    const platinum = matrix.locator("[data-testid=quadrant-platinum]");
    expect(await platinum.textContent()).toBe("Platin · 2");
    expect(await platinum.getAttribute("fill")).toBe("#0f6cbd");
    expect(await matrix.locator("circle[data-tier=platinum]").evaluateAll((dots) => dots.map((d) => d.getAttribute("fill")))).toEqual(["#0f6cbd", "#0f6cbd"]);
    expect(await matrix.locator("[data-testid=tier-filter-lead]").locator("xpath=..").textContent()).toBe("Blei");

    await matrix.locator("circle[data-id=a7]").hover();
    const tooltip = matrix.locator("[data-testid=tooltip]");
    await tooltip.waitFor({ state: "visible" });
    expect(await tooltip.locator(".cx-chip").textContent()).toBe("Blei");
    expect(await tooltip.locator(".cx-chip").evaluate((chip) => getComputedStyle(chip).backgroundColor)).toBe("rgb(161, 159, 157)");
    expect(await tooltip.locator("dd").nth(2).textContent()).toBe("90 · Hoch");
    await page.close();
  });

  it("stays responsive with thousands of customers by drawing an even sample, and says so", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1000, height: 900 } });
    const customers = 20000;
    const started = Date.now();
    await page.goto(dashboardUrl(`&customers=${customers}`));
    const matrix = page.frameLocator("#WebResource_valuematrix");
    await matrix.locator("[data-testid=value-matrix]").waitFor();
    const loaded = Date.now() - started;
    const drawn = await matrix.locator("circle").count();
    expect(drawn).toBeLessThanOrEqual(1500 + 4);
    expect(drawn).toBeGreaterThan(1400);
    expect(await matrix.locator("[data-testid=sample-note]").textContent())
      .toMatch(/^Showing 1\.\d{3} of 20\.000 customers as dots: an even sample across each tier's value range\. Counts and lines use all 20\.000\.$/);
    const filterStarted = Date.now();
    await matrix.locator("[data-testid=tier-filter-lead]").uncheck();
    await matrix.locator("[data-testid=summary]").filter({ hasNotText: "20.000 of" }).waitFor();
    const refiltered = Date.now() - filterStarted;
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, "web-perf.json"), JSON.stringify({ customers, drawn, loadAndDrawMs: loaded, refilterMs: refiltered }, null, 2));
    console.log(`value matrix with ${customers} customers: ${drawn} dots, loaded and drawn in ${loaded} ms, re-filtered in ${refiltered} ms`);
    await page.close();
  });

  it("says so when opened outside Dynamics 365", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.base}/fixtures/no-xrm.html`);
    const error = page.frameLocator("#dashboard").locator("[data-testid=error]");
    await error.waitFor();
    expect(await error.textContent()).toContain("the Xrm Web API is not available");
    await page.close();
  });
});
