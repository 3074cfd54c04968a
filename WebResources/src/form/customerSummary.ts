import { el } from "../shared/dom";
import { ServiceSolution } from "../shared/customApis";
import { ChurnRiskBand, Columns, HistoryColumns, HistoryTable, TierDescriptions } from "../shared/schema";
import { PlainFormat, UserFormat, loadUserFormat } from "../shared/userFormat";
import { tierColour } from "../shared/palette";
import { formattedValue } from "../shared/formattedValue";

/** What the summary reads from the form: the customer's columns as they stand on the form, choices with their labels. */
export interface CustomerValues {
  tier: number | null;
  tierLabel: string | null;
  overridden: boolean;
  churnRisk: number | null;
  churnBand: number | null;
  churnBandLabel: string | null;
  churnReasons: string | null;
  loyaltyLabel: string | null;
  repeatPurchaseRate: number | null;
  crossPurchaseBreadth: number | null;
  referrals: number | null;
  priceTolerance: number | null;
  satisfaction: number | null;
}

/** Reasons shown on the form; the full list stays in the Churn reasons column. */
export const TopReasons = 3;

export function readValues(form: Xrm.FormContext): CustomerValues {
  const value = <T>(column: string): T | null => (form.getAttribute(column)?.getValue() as T | null | undefined) ?? null;
  // The form's own label of the chosen option: the user's language, and the org's wording if it renamed one.
  const label = (column: string): string | null => {
    const choice = form.getAttribute<Xrm.Attributes.OptionSetAttribute>(column);
    return choice && choice.getValue() !== null ? choice.getText() : null;
  };
  return {
    tier: value<number>(Columns.tier),
    tierLabel: label(Columns.tier),
    overridden: value<boolean>(Columns.tieroverride) === true,
    churnRisk: value<number>(Columns.churnrisk),
    churnBand: value<number>(Columns.churnriskband),
    churnBandLabel: label(Columns.churnriskband),
    churnReasons: value<string>(Columns.churnreasons),
    loyaltyLabel: label(Columns.loyaltylevel),
    repeatPurchaseRate: value<number>(Columns.repeatpurchaserate),
    crossPurchaseBreadth: value<number>(Columns.crosspurchasebreadth),
    referrals: value<number>(Columns.referralcount),
    priceTolerance: value<number>(Columns.pricetolerance),
    satisfaction: value<number>(Columns.satisfaction),
  };
}


function badge(values: CustomerValues): HTMLElement {
  const card = el("section", { class: "cx-card cx-tier", "aria-label": "Value tier", "data-testid": "tier-card" });
  if (values.tier === null) {
    card.append(el("h2", {}, "Value tier"), el("p", { "data-testid": "tier-policy" }, "Not evaluated yet: the tier appears after the first recalculation."));
    return card;
  }
  const chip = el("span", { class: "cx-badge", "data-testid": "tier-badge" }, values.tierLabel ?? "");
  chip.style.background = tierColour(values.tier);
  const heading = el("h2", {}, "Value tier ");
  heading.appendChild(chip);
  card.appendChild(heading);
  const policy = TierDescriptions[values.tier];
  if (policy) card.appendChild(el("p", { class: "cx-policy", "data-testid": "tier-policy" }, policy.charAt(0).toUpperCase() + policy.slice(1) + "."));
  if (values.overridden) card.appendChild(el("p", { class: "cx-note", "data-testid": "tier-override" }, "Held by a manager's override (see Tier override)."));
  return card;
}

/**
 * Whether this org counts complaints: they come from cases, which only the service solution (and Customer Service) brings.
 * Null when the question cannot be asked (the user may lack read access to solutions): the form then says nothing.
 */
export async function loadComplaintsTracked(api: Pick<Xrm.WebApi, "retrieveMultipleRecords">): Promise<boolean | null> {
  try {
    const result = await api.retrieveMultipleRecords("solution", `?$select=uniquename&$filter=uniquename eq '${ServiceSolution}'&$top=1`);
    return result.entities.length > 0;
  } catch {
    return null;
  }
}

function churn(values: CustomerValues, complaintsTracked: boolean | null): HTMLElement {
  const card = el("section", { class: "cx-card", "aria-label": "Churn warning", "data-testid": "churn-card" });
  const band = values.churnBandLabel ?? "";
  const level = values.churnBand === ChurnRiskBand.High ? "high" : values.churnBand === ChurnRiskBand.Medium ? "medium" : "low";
  const heading = el("h2", {}, "Churn risk ");
  heading.appendChild(el("span", { class: `cx-risk cx-risk-${level}`, "data-testid": "churn-risk" }, values.churnRisk === null ? "—" : `${values.churnRisk}${band ? ` · ${band}` : ""}`));
  card.appendChild(heading);
  if (complaintsTracked === false) {
    card.appendChild(el("p", { class: "cx-note", "data-testid": "complaints-untracked" },
      "Complaints are not tracked in this org (they come from Customer Service cases), so none is among the reasons."));
  }
  const reasons = (values.churnReasons ?? "").split("; ").map((r) => r.trim()).filter((r) => r.length > 0);
  if (reasons.length === 0) {
    card.appendChild(el("p", { class: "cx-note" }, "No warning signs."));
    return card;
  }
  const list = el("ol", { class: "cx-reasons", "data-testid": "churn-reasons" });
  for (const reason of reasons.slice(0, TopReasons)) list.appendChild(el("li", {}, reason));
  card.appendChild(list);
  if (reasons.length > TopReasons) card.appendChild(el("p", { class: "cx-note" }, `${reasons.length - TopReasons} more in Churn reasons.`));
  return card;
}

function loyalty(values: CustomerValues, format: UserFormat): HTMLElement {
  const card = el("section", { class: "cx-card", "aria-label": "Loyalty", "data-testid": "loyalty-card" });
  const heading = el("h2", {}, "Loyalty ");
  heading.appendChild(el("span", { class: "cx-level", "data-testid": "loyalty-level" }, values.loyaltyLabel ?? "—"));
  card.appendChild(heading);
  const share = (v: number | null) => (v === null ? "—" : format.percent(v));
  const indicators: [string, string, number | null][] = [
    ["Repeat purchases", share(values.repeatPurchaseRate), values.repeatPurchaseRate],
    ["Product families bought", share(values.crossPurchaseBreadth), values.crossPurchaseBreadth],
    ["Bought at list price", share(values.priceTolerance), values.priceTolerance],
    ["Satisfaction", share(values.satisfaction), values.satisfaction],
  ];
  const list = el("dl", { class: "cx-indicators", "data-testid": "loyalty-indicators" });
  for (const [term, text, value] of indicators) {
    const meter = el("meter", { min: "0", max: "1", value: String(value ?? 0), "aria-label": term });
    const dd = el("dd", {}, text);
    dd.prepend(meter);
    list.append(el("dt", {}, term), dd);
  }
  list.append(el("dt", {}, "Customers referred"), el("dd", {}, values.referrals === null ? "—" : format.number(values.referrals)));
  card.appendChild(list);
  return card;
}

/** One row of the score history as the summary shows it (dates and the trigger as the server formats them for the user). */
export interface HistoryEntry {
  on: string;
  what: string;
  trigger: string;
  detail: string;
  reasons: string[];
}

/** Changes shown on the form; the History tab lists them all with the trend. */
export const RecentChanges = 3;

export async function loadHistory(api: Pick<Xrm.WebApi, "retrieveMultipleRecords">, customerId: string): Promise<HistoryEntry[]> {
  const id = customerId.replace(/[{}]/g, "").toLowerCase();
  const select = [HistoryColumns.createdon, HistoryColumns.name, HistoryColumns.topreasons, HistoryColumns.trigger, HistoryColumns.triggerdetail].join(",");
  const result = await api.retrieveMultipleRecords(HistoryTable,
    `?$select=${select}&$filter=_${HistoryColumns.customer}_value eq ${id}&$orderby=${HistoryColumns.createdon} desc&$top=${RecentChanges}`);
  const text = (row: Record<string, unknown>, key: string): string => (typeof row[key] === "string" ? (row[key] as string) : "");
  return (result.entities as Record<string, unknown>[]).map((row) => ({
    on: formattedValue(row, HistoryColumns.createdon) || text(row, HistoryColumns.createdon).substring(0, 10),
    what: text(row, HistoryColumns.name),
    trigger: formattedValue(row, HistoryColumns.trigger),
    detail: text(row, HistoryColumns.triggerdetail),
    reasons: text(row, HistoryColumns.topreasons).split("\n").filter((r) => r.length > 0),
  }));
}

function history(entries: HistoryEntry[]): HTMLElement {
  const card = el("section", { class: "cx-card cx-history", "aria-label": "Why the scores changed", "data-testid": "history-card" });
  card.appendChild(el("h2", {}, "Why it changed"));
  if (entries.length === 0) {
    card.appendChild(el("p", { class: "cx-note" }, "No change recorded yet."));
    return card;
  }
  const list = el("ol", { class: "cx-changes", "data-testid": "history" });
  for (const entry of entries) {
    const item = el("li");
    item.append(el("span", { class: "cx-when" }, entry.on), el("strong", {}, entry.what));
    item.appendChild(el("span", { class: "cx-trigger" }, entry.detail ? `${entry.trigger}: ${entry.detail}` : entry.trigger));
    if (entry.reasons.length > 0) item.appendChild(el("span", { class: "cx-because" }, `Top reason then: ${entry.reasons[0]}`));
    list.appendChild(item);
  }
  card.appendChild(list);
  card.appendChild(el("p", { class: "cx-note" }, "The History tab lists every change with the churn risk trend."));
  return card;
}

export function renderSummary(root: HTMLElement, values: CustomerValues, format: UserFormat, changes?: HistoryEntry[], complaintsTracked: boolean | null = null): void {
  root.replaceChildren(badge(values), churn(values, complaintsTracked), loyalty(values, format));
  if (changes) root.appendChild(history(changes));
}

type SummaryXrm = Pick<typeof Xrm, "WebApi" | "Utility">;

/**
 * The form script hands the page its Xrm and form context (the supported way into a form's web resource) on load and
 * after each recalculation; the user's format is read once, the latest changes each time.
 */
export function connect(win: Window, root: HTMLElement): void {
  let format: Promise<UserFormat> | null = null;
  let complaintsTracked: Promise<boolean | null> | null = null;
  (win as unknown as { setClientApiContext: (xrm: SummaryXrm, form: Xrm.FormContext) => Promise<void> }).setClientApiContext = async (xrm, form) => {
    format ??= loadUserFormat(xrm.WebApi, xrm.Utility.getGlobalContext().userSettings).catch(() => new UserFormat(PlainFormat));
    complaintsTracked ??= loadComplaintsTracked(xrm.WebApi);
    const values = readValues(form);
    renderSummary(root, values, await format, undefined, await complaintsTracked);
    const id = form.data.entity.getId();
    if (!id) return;
    // The history comes second: the scores show at once, the changes when their query answers (or not, if it fails).
    try {
      renderSummary(root, values, await format, await loadHistory(xrm.WebApi, id), await complaintsTracked);
    } catch {
      root.appendChild(el("p", { class: "cx-note", "data-testid": "history-unavailable" }, "The score history could not be read (you may lack read access to it)."));
    }
  };
}
