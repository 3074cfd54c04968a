import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startHarness, type Harness } from "./browser";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe("customer form in Chromium", () => {
  it("shows the tier badge with its policy, the top churn reasons and the loyalty indicators, in the user's format", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${harness.base}/fixtures/form-harness.html`);
    await page.waitForSelector("body[data-ready=true]");
    const summary = page.frameLocator("#summary-frame");
    await summary.locator("[data-testid=tier-badge]").waitFor();
    expect(await summary.locator("[data-testid=tier-badge]").textContent()).toBe("Gold");
    expect(await summary.locator("[data-testid=tier-policy]").textContent()).toBe("Key investment: keep the relationship high.");
    expect(await summary.locator("[data-testid=churn-risk]").textContent()).toBe("72 · High");
    expect(await summary.locator("[data-testid=churn-reasons] li").allTextContents()).toEqual([
      "No purchase for 210 days, 3.1 times the usual 68 days between purchases",
      "Satisfaction dropped 50% (latest survey 2 vs 4 before)",
      "Purchase value fell 45% below the customer's own baseline",
    ]);
    expect(await summary.locator("[data-testid=churn-card]").textContent()).toContain("1 more in Churn reasons.");
    expect(await summary.locator("[data-testid=complaints-untracked]").count()).toBe(0);
    expect(await summary.locator("[data-testid=loyalty-level]").textContent()).toBe("Trust");
    expect(await summary.locator("[data-testid=loyalty-indicators] dd").allTextContents()).toEqual(["42%", "50%", "80%", "40%", "3"]);
    // Why it changed: the latest history rows, what moved, the trigger and the strongest reason then.
    const changes = summary.locator("[data-testid=history] li");
    expect(await changes.count()).toBe(3);
    expect(await changes.nth(0).textContent()).toBe("30.10.2026 09:12Churn risk band Medium → HighEvent: Create of incident 9b1f4e2a-3c55-4d1e-8a7d-2f0c5e6b7a11" +
      "Top reason then: No purchase for 210 days, 3.1 times the usual 68 days between purchases");
    expect(await changes.nth(1).locator("strong").textContent()).toBe("Tier Platinum → Gold; Lifecycle stage Stability → Decline");
    expect(await changes.nth(2).locator(".cx-because").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { stubCalls: string[] }).stubCalls.find((c) => c.startsWith("cx_scorechange"))))
      .toBe("cx_scorechange ?$select=createdon,cx_name,cx_topreasons,cx_trigger,cx_triggerdetail&$filter=_cx_customer_value eq a5&$orderby=createdon desc&$top=3");
    // The summary shows the tier, so the banner only carries the high churn risk.
    expect(await page.locator("[data-testid=notifications]").textContent())
      .toBe("Gold customer: key investment: keep the relationship high. Churn risk 72: No purchase for 210 days, 3.1 times the usual 68 days between purchases; Satisfaction dropped 50% (latest survey 2 vs 4 before).");
    await screenshot(page, "form.png");
    await page.close();
  });

  it("shows the labels the form gives in the user's language, each tier in its own colour", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.base}/fixtures/form-harness.html?language=de`);
    await page.waitForSelector("body[data-ready=true]");
    const summary = page.frameLocator("#summary-frame");
    await summary.locator("[data-testid=tier-badge]").waitFor();
    expect(await summary.locator("[data-testid=tier-badge]").evaluate((badge) => getComputedStyle(badge).backgroundColor)).toBe("rgb(188, 139, 0)");
    expect(await summary.locator("[data-testid=churn-risk]").textContent()).toBe("72 · Hoch");
    expect(await summary.locator("[data-testid=loyalty-level]").textContent()).toBe("Vertrauen");
    await page.close();
  });

  it("says complaints are not tracked in an org without Customer Service", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.base}/fixtures/form-harness.html?cases=none`);
    await page.waitForSelector("body[data-ready=true]");
    const note = page.frameLocator("#summary-frame").locator("[data-testid=complaints-untracked]");
    await note.waitFor();
    expect(await note.textContent()).toBe("Complaints are not tracked in this org (they come from Customer Service cases), so none is among the reasons.");
    await page.close();
  });

  it("keeps working without the summary web resource: the banner carries the tier", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.base}/fixtures/form-harness.html?summary=none`);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("[data-testid=notifications]").textContent()).toContain("Gold customer: key investment: keep the relationship high.");
    await page.close();
  });
});
