import { el } from "../shared/dom";
import { PlainFormat, UserFormat, loadUserFormat } from "../shared/userFormat";
import { loadCustomers, loadThresholds, type Customer, type Thresholds } from "./data";
import { TierOrder } from "../shared/schema";
import { tierColour } from "../shared/palette";
import { quadrantCounts, renderMatrix, tierKey, tierNames } from "./matrix";
import { DrawBound, sampleByTier } from "./sampling";

export interface Page {
  customers: Customer[];
  thresholds: Thresholds;
  format: UserFormat;
  notes: string[];
}

type PageXrm = Pick<typeof Xrm, "WebApi" | "Navigation" | "Utility">;


export async function loadPage(xrm: PageXrm): Promise<Page> {
  const notes: string[] = [];
  const [customers, thresholds] = await Promise.all([loadCustomers(xrm.WebApi), loadThresholds(xrm.WebApi)]);
  let format: UserFormat;
  try {
    format = await loadUserFormat(xrm.WebApi, xrm.Utility.getGlobalContext().userSettings);
  } catch {
    format = new UserFormat(PlainFormat);
    notes.push("Your number format could not be read: amounts show in the base currency without a symbol.");
  }
  return { customers, thresholds, format, notes };
}

interface Filters {
  owner: string;
  /** Option values of the tiers shown. */
  tiers: Set<number>;
}

function applyFilters(customers: Customer[], filters: Filters): Customer[] {
  return customers.filter((c) => (filters.owner === "" || c.ownerId === filters.owner) && c.tier !== null && filters.tiers.has(c.tier));
}

function toolbar(page: Page, names: Map<number, string>, filters: Filters, changed: () => void, toggleTable: (shown: boolean) => void): HTMLElement {
  const bar = el("div", { class: "cx-toolbar", role: "toolbar", "aria-label": "Filters" });
  const ownerField = el("label", { class: "cx-field" });
  ownerField.append(el("span", {}, "Owner"));
  const owner = el("select", { "data-testid": "owner-filter" });
  owner.appendChild(el("option", { value: "" }, "All owners"));
  const owners = new Map(page.customers.map((c) => [c.ownerId, c.ownerName] as [string, string]));
  [...owners.entries()].sort((a, b) => a[1].localeCompare(b[1])).forEach(([id, name]) => owner.appendChild(el("option", { value: id }, name || id)));
  owner.addEventListener("change", () => { filters.owner = owner.value; changed(); });
  ownerField.appendChild(owner);
  bar.appendChild(ownerField);

  const tiers = el("fieldset", { class: "cx-tiers" });
  tiers.appendChild(el("legend", {}, "Tiers"));
  for (const tier of TierOrder.filter((t) => names.has(t))) {
    const label = el("label", { class: "cx-toggle" });
    const box = el("input", { type: "checkbox", value: String(tier), "data-testid": `tier-filter-${tierKey(tier)}` });
    box.checked = filters.tiers.has(tier);
    box.addEventListener("change", () => {
      if (box.checked) filters.tiers.add(tier);
      else filters.tiers.delete(tier);
      changed();
    });
    const swatch = el("span", { class: "cx-swatch", "aria-hidden": "true" });
    swatch.style.background = tierColour(tier);
    label.append(box, swatch, document.createTextNode(names.get(tier) ?? ""));
    tiers.appendChild(label);
  }
  bar.appendChild(tiers);

  const tableToggle = el("button", { type: "button", class: "cx-button", "aria-pressed": "false", "data-testid": "table-toggle" }, "Show as table");
  tableToggle.addEventListener("click", () => {
    const shown = tableToggle.getAttribute("aria-pressed") !== "true";
    tableToggle.setAttribute("aria-pressed", String(shown));
    tableToggle.textContent = shown ? "Hide table" : "Show as table";
    toggleTable(shown);
  });
  bar.appendChild(tableToggle);
  return bar;
}

/** The text alternative: the same customers as rows a screen reader can walk, each name a button that opens the record. */
function customerTable(drawn: Customer[], format: UserFormat, open: (c: Customer) => void): HTMLTableElement {
  const table = el("table", { class: "cx-table", "data-testid": "matrix-table" });
  table.appendChild(el("caption", {}, "Customers in the value matrix"));
  const head = el("tr");
  for (const h of ["Customer", "Tier", "Current value", "Growth potential", "Churn risk", "Owner"]) head.appendChild(el("th", { scope: "col" }, h));
  table.appendChild(head);
  const rank = (c: Customer) => TierOrder.indexOf(c.tier ?? 0);
  for (const c of [...drawn].sort((a, b) => rank(a) - rank(b) || b.currentValue - a.currentValue)) {
    const row = el("tr");
    const name = el("td");
    const button = el("button", { type: "button", class: "cx-link" }, c.name);
    button.addEventListener("click", () => open(c));
    name.appendChild(button);
    row.append(name, el("td", {}, c.tierLabel), el("td", { class: "cx-number" }, format.money(c.currentValue, 0)),
      el("td", { class: "cx-number" }, format.money(c.growthPotential, 0)), el("td", { class: "cx-number" }, String(c.churnRisk)), el("td", {}, c.ownerName));
    table.appendChild(row);
  }
  return table;
}

export function renderPage(root: HTMLElement, page: Page, open: (c: Customer) => void): void {
  root.replaceChildren();
  const names = tierNames(page.customers);
  const filters: Filters = { owner: "", tiers: new Set(TierOrder) };
  let tableShown = false;
  const header = el("header", { class: "cx-header" });
  header.append(el("h1", {}, "Value matrix"));
  const summary = el("p", { class: "cx-subtitle", "data-testid": "summary" });
  header.appendChild(summary);
  const note = el("p", { class: "cx-note", "data-testid": "sample-note" });
  const card = el("section", { class: "cx-card", "aria-label": "Value matrix chart" });
  const chart = el("div", { class: "cx-chart" });
  card.appendChild(chart);
  const announcer = el("div", { class: "cx-sr-only", "aria-live": "polite", "data-testid": "announcer" });
  const tableHost = el("section", { class: "cx-card", "aria-label": "Value matrix as a table" });
  tableHost.hidden = true;

  const draw = () => {
    const visible = applyFilters(page.customers, filters);
    const drawn = sampleByTier(visible, DrawBound, (c) => String(c.tier), (c) => c.currentValue);
    const counts = quadrantCounts(visible);
    const lines = page.thresholds.calibratedOn
      ? `lines learnt from your customers on ${page.thresholds.calibratedOn.substring(0, 10)}`
      : "lines at the configured amounts";
    summary.textContent = `${page.format.number(visible.length)} of ${page.format.number(page.customers.length)} rated accounts · ${TierOrder.filter((t) => names.has(t)).map((t) => `${names.get(t)} ${page.format.number(counts.get(t) ?? 0)}`).join(" · ")} · ${lines}`;
    note.textContent = drawn.length < visible.length
      ? `Showing ${page.format.number(drawn.length)} of ${page.format.number(visible.length)} customers as dots: an even sample across each tier's value range. Counts and lines use all ${page.format.number(visible.length)}.`
      : "";
    note.hidden = note.textContent === "";
    renderMatrix(chart, { customers: visible, drawn, thresholds: page.thresholds, format: page.format, names, open }, (text) => { announcer.textContent = text; });
    tableHost.replaceChildren(customerTable(drawn, page.format, open));
    tableHost.hidden = !tableShown;
  };
  root.append(header, toolbar(page, names, filters, draw, (shown) => { tableShown = shown; tableHost.hidden = !shown; }));
  for (const text of page.notes) root.appendChild(el("p", { class: "cx-note", "data-testid": "page-note" }, text));
  root.append(note, card, announcer, tableHost);
  draw();
}

/** The page runs inside a dashboard frame: Xrm lives on the parent page. */
export function findXrm(win: Window): PageXrm | undefined {
  const own = (win as unknown as { Xrm?: PageXrm }).Xrm;
  if (own?.WebApi) return own;
  try {
    return (win.parent as unknown as { Xrm?: PageXrm }).Xrm;
  } catch {
    return undefined;
  }
}

export async function start(win: Window, root: HTMLElement): Promise<void> {
  const xrm = findXrm(win);
  if (!xrm?.WebApi) {
    root.replaceChildren(el("p", { class: "cx-error", role: "alert", "data-testid": "error" }, "Open this page inside Dynamics 365: the Xrm Web API is not available."));
    return;
  }
  root.replaceChildren(el("p", { "data-testid": "loading", role: "status" }, "Loading customer values…"));
  try {
    const page = await loadPage(xrm);
    renderPage(root, page, (customer) => {
      void xrm.Navigation.openForm({ entityName: "account", entityId: customer.id });
    });
  } catch (error) {
    const message = (error as { message?: string })?.message ?? String(error);
    root.replaceChildren(el("p", { class: "cx-error", role: "alert", "data-testid": "error" }, `Could not load customer values: ${message}`));
  }
}
