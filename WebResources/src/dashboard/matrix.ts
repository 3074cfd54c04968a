import { Tier, TierOrder } from "../shared/schema";
import { tierColour } from "../shared/palette";
import type { UserFormat } from "../shared/userFormat";
import type { Customer, Thresholds } from "./data";

/**
 * Each tier's name as the platform gives it on the customers' rows, in the user's language. A tier no customer holds
 * has no row to name it: the page then shows its count alone and offers no filter for it.
 */
export function tierNames(customers: Customer[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const c of customers) if (c.tier !== null && c.tierLabel && !names.has(c.tier)) names.set(c.tier, c.tierLabel);
  return names;
}

const TierKeys = new Map<number, string>(Object.entries(Tier).map(([key, value]) => [value, key.toLowerCase()]));

/** A tier's stable name for the page's test ids and data attributes ("platinum"), whatever its label says. */
export function tierKey(tier: number | null): string {
  return (tier !== null ? TierKeys.get(tier) : undefined) ?? "unrated";
}

export interface MatrixView {
  /** Every customer after the filters: quadrant counts use them all. */
  customers: Customer[];
  /** The customers drawn as dots (all of them, or the sample above the bound). */
  drawn: Customer[];
  thresholds: Thresholds;
  format: UserFormat;
  /** The tiers' names, from every customer on the page (tierNames). */
  names: Map<number, string>;
  open: (customer: Customer) => void;
}

const SvgNs = "http://www.w3.org/2000/svg";
const Width = 760, Height = 460, Left = 84, Right = 24, Top = 36, Bottom = 56;

function svg(tag: string, attributes: Record<string, string | number>, content?: string): SVGElement {
  const element = document.createElementNS(SvgNs, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (content !== undefined) element.textContent = content;
  return element;
}

/** Round tick steps (1, 2 or 5 × a power of ten) so the axis reads like a chart a person drew. */
export function ticks(max: number, count = 5): number[] {
  const raw = max / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const values: number[] = [];
  for (let v = 0; v <= max + step / 1000; v += step) values.push(v);
  return values;
}

/** The axis ends past the 95th percentile and past the lines, so one outlier does not flatten everyone else. */
function axisMax(values: number[], lines: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : 0;
  const max = Math.max(...lines.map((l) => l * 1.6), p95 * 1.05, 1);
  const step = ticks(max)[1] ?? max;
  return Math.ceil(max / step) * step;
}

/** Customers per tier, by option value. */
export function quadrantCounts(customers: Customer[]): Map<number, number> {
  const counts = new Map<number, number>(TierOrder.map((tier) => [tier, 0]));
  for (const c of customers) if (c.tier !== null && counts.has(c.tier)) counts.set(c.tier, (counts.get(c.tier) ?? 0) + 1);
  return counts;
}

export function describe(customer: Customer, format: UserFormat): string {
  const band = customer.churnBandLabel;
  return `${customer.name}, ${customer.tierLabel}: current value ${format.money(customer.currentValue, 0)}, growth potential ${format.money(customer.growthPotential, 0)}, churn risk ${customer.churnRisk}${band ? ` (${band})` : ""}, owner ${customer.ownerName || "unknown"}`;
}

/** The tooltip's content: name, tier and the values, as text (names are data, never markup). */
function fillTooltip(tooltip: HTMLElement, customer: Customer, format: UserFormat): void {
  tooltip.replaceChildren();
  const title = document.createElement("div");
  title.className = "cx-tooltip-title";
  title.textContent = customer.name;
  const tier = document.createElement("span");
  tier.className = "cx-chip";
  tier.style.background = tierColour(customer.tier);
  tier.textContent = customer.tierLabel;
  title.appendChild(tier);
  tooltip.appendChild(title);
  const band = customer.churnBandLabel;
  const rows: [string, string][] = [
    ["Current value", format.money(customer.currentValue, 0)],
    ["Growth potential", format.money(customer.growthPotential, 0)],
    ["Churn risk", `${customer.churnRisk}${band ? ` · ${band}` : ""}`],
    ["Owner", customer.ownerName || "—"],
  ];
  const list = document.createElement("dl");
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  tooltip.appendChild(list);
}

/**
 * Draws the matrix into <paramref name="host"/>: axes with values in the user's currency, the lines in force labelled
 * with their amounts, a quadrant label with its count, one dot per drawn customer. A dot shows its tooltip on hover or
 * focus and opens the customer on click, Enter or Space; the arrow keys move between dots (one tab stop for the chart).
 */
export function renderMatrix(host: HTMLElement, view: MatrixView, announce: (text: string) => void): void {
  host.replaceChildren();
  const { thresholds: t, format } = view;
  const maxX = axisMax(view.customers.map((c) => c.currentValue), [t.currentValue]);
  const maxY = axisMax(view.customers.map((c) => c.growthPotential), [t.growthPotentialLow, t.growthPotentialHigh]);
  const x = (v: number) => Left + (Math.min(Math.max(v, 0), maxX) / maxX) * (Width - Left - Right);
  const y = (v: number) => Height - Bottom - (Math.min(Math.max(v, 0), maxY) / maxY) * (Height - Top - Bottom);
  const counts = quadrantCounts(view.customers);

  const root = svg("svg", { viewBox: `0 0 ${Width} ${Height}`, role: "group", "aria-roledescription": "value matrix", "data-testid": "value-matrix",
    "aria-label": `Value matrix: ${TierOrder.filter((tier) => view.names.has(tier)).map((tier) => `${view.names.get(tier)} ${counts.get(tier)}`).join(", ")}. Use the arrow keys to move between customers and Enter to open one.` });

  for (const value of ticks(maxX)) {
    root.appendChild(svg("line", { x1: x(value), y1: Top, x2: x(value), y2: Height - Bottom, class: "cx-grid" }));
    root.appendChild(svg("text", { x: x(value), y: Height - Bottom + 18, "text-anchor": "middle", class: "cx-tick", "data-testid": "tick-x" }, format.money(value, 0)));
  }
  for (const value of ticks(maxY)) {
    root.appendChild(svg("line", { x1: Left, y1: y(value), x2: Width - Right, y2: y(value), class: "cx-grid" }));
    root.appendChild(svg("text", { x: Left - 8, y: y(value) + 4, "text-anchor": "end", class: "cx-tick", "data-testid": "tick-y" }, format.money(value, 0)));
  }
  root.appendChild(svg("line", { x1: Left, y1: Height - Bottom, x2: Width - Right, y2: Height - Bottom, class: "cx-axis" }));
  root.appendChild(svg("line", { x1: Left, y1: Top, x2: Left, y2: Height - Bottom, class: "cx-axis" }));
  root.appendChild(svg("text", { x: (Left + Width - Right) / 2, y: Height - 12, "text-anchor": "middle", class: "cx-axis-title" }, "Current value (profit per year)"));
  root.appendChild(svg("text", { x: 16, y: (Top + Height - Bottom) / 2, transform: `rotate(-90 16 ${(Top + Height - Bottom) / 2})`, "text-anchor": "middle", class: "cx-axis-title" }, "Growth potential (per year)"));

  // The lines in force: one for current value; growth potential is judged per row, so its line may step at the vertical line.
  const tx = x(t.currentValue), tyLow = y(t.growthPotentialLow), tyHigh = y(t.growthPotentialHigh);
  root.appendChild(svg("line", { x1: tx, y1: Top, x2: tx, y2: Height - Bottom, class: "cx-threshold", "data-testid": "threshold-current" }));
  root.appendChild(svg("text", { x: tx + 6, y: Top - 10, class: "cx-threshold-label", "data-testid": "threshold-current-label" }, `Current value line ${format.money(t.currentValue, 0)}`));
  root.appendChild(svg("line", { x1: Left, y1: tyLow, x2: tx, y2: tyLow, class: "cx-threshold", "data-testid": "threshold-potential" }));
  root.appendChild(svg("line", { x1: tx, y1: tyHigh, x2: Width - Right, y2: tyHigh, class: "cx-threshold", "data-testid": "threshold-potential" }));
  if (tyLow !== tyHigh) root.appendChild(svg("line", { x1: tx, y1: tyLow, x2: tx, y2: tyHigh, class: "cx-threshold" }));
  const potentialLabel = (text: string, xPos: number, yPos: number, anchor: string) =>
    root.appendChild(svg("text", { x: xPos, y: yPos - 6, "text-anchor": anchor, class: "cx-threshold-label", "data-testid": "threshold-potential-label" }, text));
  if (t.growthPotentialLow === t.growthPotentialHigh) potentialLabel(`Growth potential line ${format.money(t.growthPotentialLow, 0)}`, Width - Right - 4, tyHigh, "end");
  else {
    potentialLabel(`Growth potential line ${format.money(t.growthPotentialLow, 0)}`, Left + 6, tyLow, "start");
    potentialLabel(`at high value ${format.money(t.growthPotentialHigh, 0)}`, Width - Right - 4, tyHigh, "end");
  }

  const quadrants: [number, number, number, string][] = [
    [Tier.Iron, Left + 8, Top + 18, "start"], [Tier.Platinum, Width - Right - 8, Top + 18, "end"],
    [Tier.Lead, Left + 8, Height - Bottom - 10, "start"], [Tier.Gold, Width - Right - 8, Height - Bottom - 10, "end"],
  ];
  for (const [tier, qx, qy, anchor] of quadrants) {
    const count = format.number(counts.get(tier) ?? 0), name = view.names.get(tier);
    root.appendChild(svg("text", { x: qx, y: qy, "text-anchor": anchor, fill: tierColour(tier), class: "cx-quadrant", "data-testid": `quadrant-${tierKey(tier)}` },
      name ? `${name} · ${count}` : count));
  }

  const tooltip = document.createElement("div");
  tooltip.className = "cx-tooltip";
  tooltip.id = "cx-tooltip";
  tooltip.setAttribute("role", "tooltip");
  tooltip.setAttribute("data-testid", "tooltip");
  tooltip.hidden = true;

  // Keyboard order: left to right, bottom to top, as the eye reads the chart.
  const ordered = [...view.drawn].sort((a, b) => a.currentValue - b.currentValue || a.growthPotential - b.growthPotential);
  const dots: SVGElement[] = [];
  const show = (dot: SVGElement, customer: Customer) => {
    fillTooltip(tooltip, customer, format);
    tooltip.hidden = false;
    // Beside the dot, kept inside the chart: above it in the lower half, left of it near the right edge.
    const box = host.getBoundingClientRect(), at = dot.getBoundingClientRect();
    const below = at.top - box.top + 12, above = at.top - box.top - tooltip.offsetHeight - 8;
    tooltip.style.left = `${Math.max(Math.min(at.left - box.left + 12, box.width - tooltip.offsetWidth - 4), 0)}px`;
    tooltip.style.top = `${below + tooltip.offsetHeight > box.height && above >= 0 ? above : below}px`;
  };
  const hide = () => { tooltip.hidden = true; };
  const layer = svg("g", { role: "list", "aria-label": "Customers" });
  ordered.forEach((customer, index) => {
    const dot = svg("circle", { cx: x(customer.currentValue).toFixed(1), cy: y(customer.growthPotential).toFixed(1), r: 5, fill: tierColour(customer.tier),
      class: "cx-dot", role: "listitem", tabindex: index === 0 ? 0 : -1, "aria-label": describe(customer, format), "aria-describedby": tooltip.id,
      "data-tier": tierKey(customer.tier), "data-id": customer.id });
    dot.addEventListener("mouseenter", () => show(dot, customer));
    dot.addEventListener("mouseleave", hide);
    dot.addEventListener("focus", () => { show(dot, customer); announce(describe(customer, format)); });
    dot.addEventListener("blur", hide);
    dot.addEventListener("click", () => view.open(customer));
    dot.addEventListener("keydown", (event) => {
      const key = (event as KeyboardEvent).key;
      const move = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -index, End: ordered.length - 1 - index }[key];
      if (key === "Enter" || key === " ") {
        event.preventDefault();
        view.open(customer);
      } else if (key === "Escape") hide();
      else if (move !== undefined) {
        event.preventDefault();
        const next = dots[Math.min(Math.max(index + move, 0), dots.length - 1)];
        dot.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        (next as unknown as HTMLElement).focus();
      }
    });
    dots.push(dot);
    layer.appendChild(dot);
  });
  root.appendChild(layer);
  host.append(root, tooltip);
}
