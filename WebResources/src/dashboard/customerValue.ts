import { Columns, DefaultThresholds, OptionBase, RetentionActions, Stages, Tiers } from "../shared/schema";

export interface CustomerPoint {
  id: string;
  name: string;
  tier: number | null;
  currentValue: number;
  growthPotential: number;
  stage: number | null;
  churnRisk: number;
  churnReasons: string;
}

export interface RetentionItem {
  subject: string;
  due: string;
  action: number | null;
  regarding: string;
}

export interface DashboardData {
  customers: CustomerPoint[];
  retention: RetentionItem[];
  thresholds: { currentValue: number; growthPotential: number };
  notes: string[];
}

type WebApi = Pick<Xrm.WebApi, "retrieveMultipleRecords">;

/** Reads every page: the Web API returns at most maxPageSize rows and a nextLink for the rest. */
async function readAll(api: WebApi, table: string, options: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let query: string | null = options;
  while (query !== null) {
    const page: Xrm.RetrieveMultipleResult = await api.retrieveMultipleRecords(table, query, 5000);
    rows.push(...(page.entities as Record<string, unknown>[]));
    query = page.nextLink ? page.nextLink.substring(page.nextLink.indexOf("?")) : null;
  }
  return rows;
}

const num = (value: unknown): number => (typeof value === "number" ? value : 0);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const choice = (value: unknown): number | null => (typeof value === "number" ? value : null);

export async function loadDashboardData(api: WebApi): Promise<DashboardData> {
  const notes: string[] = [];
  const select = ["accountid", "name", Columns.tier, Columns.currentValue, Columns.growthPotential, Columns.lifecycleStage, Columns.churnRisk, Columns.churnReasons];
  const accounts = await readAll(api, "account", `?$select=${select.join(",")}&$filter=${Columns.tier} ne null`);
  const customers = accounts.map((a) => ({
    id: text(a["accountid"]),
    name: text(a["name"]),
    tier: choice(a[Columns.tier]),
    currentValue: num(a[Columns.currentValue]),
    growthPotential: num(a[Columns.growthPotential]),
    stage: choice(a[Columns.lifecycleStage]),
    churnRisk: num(a[Columns.churnRisk]),
    churnReasons: text(a[Columns.churnReasons]),
  }));

  const retention: RetentionItem[] = [];
  for (const table of ["task", "phonecall"]) {
    const rows = await readAll(api, table,
      "?$select=subject,scheduledend,cx_retentionaction,_regardingobjectid_value&$filter=cx_retentionkey ne null and statecode eq 0&$orderby=scheduledend asc");
    for (const r of rows) {
      retention.push({
        subject: text(r["subject"]),
        due: text(r["scheduledend"]),
        action: choice(r["cx_retentionaction"]),
        regarding: text(r["_regardingobjectid_value@OData.Community.Display.V1.FormattedValue"]) || text(r["_regardingobjectid_value"]),
      });
    }
  }
  retention.sort((a, b) => a.due.localeCompare(b.due));

  const thresholds = { ...DefaultThresholds };
  const settings = await readAll(api, "cx_setting", "?$select=cx_value&$filter=cx_name eq 'CustomerValue' and statecode eq 0");
  if (settings.length > 0) {
    try {
      const matrix = (JSON.parse(text(settings[0]["cx_value"])) as { valueMatrix?: { currentValueThreshold?: number; growthPotentialThreshold?: number } }).valueMatrix;
      if (typeof matrix?.currentValueThreshold === "number") thresholds.currentValue = matrix.currentValueThreshold;
      if (typeof matrix?.growthPotentialThreshold === "number") thresholds.growthPotential = matrix.growthPotentialThreshold;
    } catch {
      notes.push("The CustomerValue settings row is not valid JSON; showing the default thresholds.");
    }
  }
  return { customers, retention, thresholds, notes };
}

const TierColours: Record<string, string> = { Platinum: "#5b6b8c", Gold: "#c9a227", Iron: "#7a8288", Lead: "#b0b7bf" };
const SvgNs = "http://www.w3.org/2000/svg";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, content?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (content !== undefined) element.textContent = content;
  return element;
}

function svg(tag: string, attributes: Record<string, string | number>, content?: string): SVGElement {
  const element = document.createElementNS(SvgNs, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (content !== undefined) element.textContent = content;
  return element;
}

function tierLabel(tier: number | null): string {
  return tier !== null && Tiers[tier] ? Tiers[tier].label : "Unrated";
}

/** Scale that keeps outliers from flattening everyone else: the axis ends at the 95th percentile or twice the threshold. */
function axisMax(values: number[], threshold: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : 0;
  return Math.max(threshold * 2, p95 * 1.05, 1);
}

export function renderMatrix(data: DashboardData): SVGElement {
  const width = 640, height = 420, pad = 48;
  const maxX = axisMax(data.customers.map((c) => c.currentValue), data.thresholds.currentValue);
  const maxY = axisMax(data.customers.map((c) => c.growthPotential), data.thresholds.growthPotential);
  const x = (v: number) => pad + (Math.min(Math.max(v, 0), maxX) / maxX) * (width - 2 * pad);
  const y = (v: number) => height - pad - (Math.min(Math.max(v, 0), maxY) / maxY) * (height - 2 * pad);
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Customer value matrix", "data-testid": "value-matrix" });
  const tx = x(data.thresholds.currentValue), ty = y(data.thresholds.growthPotential);
  const quadrants: [string, number, number][] = [["Iron", pad + 8, pad + 18], ["Platinum", tx + 8, pad + 18], ["Lead", pad + 8, ty + 18], ["Gold", tx + 8, ty + 18]];
  for (const [name, qx, qy] of quadrants) {
    const count = data.customers.filter((c) => tierLabel(c.tier) === name).length;
    root.appendChild(svg("text", { x: qx, y: qy, "font-size": 14, "font-weight": "bold", fill: TierColours[name], "data-testid": `quadrant-${name.toLowerCase()}` }, `${name} (${count})`));
  }
  root.appendChild(svg("line", { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: "#333" }));
  root.appendChild(svg("line", { x1: pad, y1: pad, x2: pad, y2: height - pad, stroke: "#333" }));
  root.appendChild(svg("line", { x1: tx, y1: pad, x2: tx, y2: height - pad, stroke: "#c00", "stroke-dasharray": "6 4", "data-testid": "threshold-current" }));
  root.appendChild(svg("line", { x1: pad, y1: ty, x2: width - pad, y2: ty, stroke: "#c00", "stroke-dasharray": "6 4", "data-testid": "threshold-potential" }));
  root.appendChild(svg("text", { x: width / 2, y: height - 12, "text-anchor": "middle", "font-size": 12 }, "Current value (profit per year)"));
  root.appendChild(svg("text", { x: 14, y: height / 2, "font-size": 12, transform: `rotate(-90 14 ${height / 2})`, "text-anchor": "middle" }, "Growth potential (per year)"));
  for (const c of data.customers) {
    const label = tierLabel(c.tier);
    const dot = svg("circle", { cx: x(c.currentValue).toFixed(1), cy: y(c.growthPotential).toFixed(1), r: 4, fill: TierColours[label] ?? "#999", "fill-opacity": 0.8, "data-tier": label });
    dot.appendChild(svg("title", {}, `${c.name}: ${label}, current ${Math.round(c.currentValue)}, potential ${Math.round(c.growthPotential)}`));
    root.appendChild(dot);
  }
  return root;
}

function distribution(title: string, testId: string, counts: [string, number][]): HTMLElement {
  const section = el("section", { "data-testid": testId });
  section.appendChild(el("h2", {}, title));
  const total = counts.reduce((s, [, n]) => s + n, 0) || 1;
  for (const [label, count] of counts) {
    const row = el("div", { class: "bar-row" });
    row.appendChild(el("span", { class: "bar-label" }, label));
    const bar = el("span", { class: "bar", style: `width:${Math.round((count / total) * 300)}px` });
    row.appendChild(bar);
    row.appendChild(el("span", { class: "bar-count", "data-testid": `${testId}-${label.toLowerCase()}` }, String(count)));
    section.appendChild(row);
  }
  return section;
}

function table(title: string, testId: string, header: string[], rows: string[][]): HTMLElement {
  const section = el("section", { "data-testid": testId });
  section.appendChild(el("h2", {}, title));
  if (rows.length === 0) {
    section.appendChild(el("p", { class: "empty" }, "Nothing to show."));
    return section;
  }
  const t = el("table");
  const head = el("tr");
  header.forEach((h) => head.appendChild(el("th", {}, h)));
  t.appendChild(head);
  for (const r of rows) {
    const tr = el("tr");
    r.forEach((c) => tr.appendChild(el("td", {}, c)));
    t.appendChild(tr);
  }
  section.appendChild(t);
  return section;
}

export function renderDashboard(root: HTMLElement, data: DashboardData): void {
  root.replaceChildren();
  root.appendChild(el("h1", {}, `Customer value — ${data.customers.length} rated accounts`));
  for (const note of data.notes) root.appendChild(el("p", { class: "note" }, note));
  const matrix = el("section");
  matrix.appendChild(el("h2", {}, "Value matrix"));
  matrix.appendChild(renderMatrix(data));
  root.appendChild(matrix);
  const tiers = ["Platinum", "Gold", "Iron", "Lead"].map((t) => [t, data.customers.filter((c) => tierLabel(c.tier) === t).length] as [string, number]);
  root.appendChild(distribution("Tiers", "tier-count", tiers));
  const stages = Object.keys(Stages).map(Number).map((s) => [Stages[s], data.customers.filter((c) => c.stage === s).length] as [string, number]);
  root.appendChild(distribution("Lifecycle stages", "stage-count", stages));
  const risky = [...data.customers].filter((c) => c.churnRisk > 0).sort((a, b) => b.churnRisk - a.churnRisk || a.name.localeCompare(b.name)).slice(0, 10);
  root.appendChild(table("Churn risk", "churn-list", ["Customer", "Tier", "Risk", "Reasons"], risky.map((c) => [c.name, tierLabel(c.tier), String(c.churnRisk), c.churnReasons])));
  root.appendChild(table("Retention work due", "retention-list", ["Due", "Action", "Customer", "Subject"],
    data.retention.slice(0, 25).map((r) => [r.due.substring(0, 10), r.action !== null ? RetentionActions[r.action] ?? String(r.action - OptionBase) : "", r.regarding, r.subject])));
}

/** The dashboard runs inside a dashboard frame: Xrm lives on the parent page. */
export function findXrm(win: Window): typeof Xrm | undefined {
  const own = (win as unknown as { Xrm?: typeof Xrm }).Xrm;
  if (own?.WebApi) return own;
  try {
    return (win.parent as unknown as { Xrm?: typeof Xrm }).Xrm;
  } catch {
    return undefined;
  }
}

export async function start(win: Window, root: HTMLElement): Promise<void> {
  const xrm = findXrm(win);
  if (!xrm?.WebApi) {
    root.replaceChildren(el("p", { class: "error", "data-testid": "error" }, "Open this dashboard inside Dynamics 365: the Xrm Web API is not available."));
    return;
  }
  root.replaceChildren(el("p", { "data-testid": "loading" }, "Loading customer values…"));
  try {
    renderDashboard(root, await loadDashboardData(xrm.WebApi));
  } catch (error) {
    const message = (error as { message?: string })?.message ?? String(error);
    root.replaceChildren(el("p", { class: "error", "data-testid": "error" }, `Could not load customer values: ${message}`));
  }
}
