import { ChurnBandHigh, ChurnBandMedium, ChurnBands, Columns, LoyaltyLevels, Tiers } from "../shared/schema";
import { PlainFormat, UserFormat, loadUserFormat } from "../shared/userFormat";
import { NoTierColour, TierColours } from "../shared/palette";

/** What the summary reads from the form: the customer's columns as they stand on the form. */
export interface CustomerValues {
  tier: number | null;
  overridden: boolean;
  churnRisk: number | null;
  churnBand: number | null;
  churnReasons: string | null;
  loyaltyLevel: number | null;
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
  return {
    tier: value<number>(Columns.tier),
    overridden: value<boolean>(Columns.tierOverride) === true,
    churnRisk: value<number>(Columns.churnRisk),
    churnBand: value<number>(Columns.churnRiskBand),
    churnReasons: value<string>(Columns.churnReasons),
    loyaltyLevel: value<number>(Columns.loyaltyLevel),
    repeatPurchaseRate: value<number>(Columns.repeatPurchaseRate),
    crossPurchaseBreadth: value<number>(Columns.crossPurchaseBreadth),
    referrals: value<number>(Columns.referralCount),
    priceTolerance: value<number>(Columns.priceTolerance),
    satisfaction: value<number>(Columns.satisfaction),
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, content?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (content !== undefined) element.textContent = content;
  return element;
}

function badge(values: CustomerValues): HTMLElement {
  const card = el("section", { class: "cx-card cx-tier", "aria-label": "Value tier", "data-testid": "tier-card" });
  const info = values.tier !== null ? Tiers[values.tier] : undefined;
  if (!info) {
    card.append(el("h2", {}, "Value tier"), el("p", { "data-testid": "tier-policy" }, "Not evaluated yet: the tier appears after the first recalculation."));
    return card;
  }
  const chip = el("span", { class: "cx-badge", "data-testid": "tier-badge" }, info.label);
  chip.style.background = TierColours[info.label] ?? NoTierColour;
  const heading = el("h2", {}, "Value tier ");
  heading.appendChild(chip);
  card.append(heading, el("p", { class: "cx-policy", "data-testid": "tier-policy" }, info.policy.charAt(0).toUpperCase() + info.policy.slice(1) + "."));
  if (values.overridden) card.appendChild(el("p", { class: "cx-note", "data-testid": "tier-override" }, "Held by a manager's override (see Tier override)."));
  return card;
}

function churn(values: CustomerValues): HTMLElement {
  const card = el("section", { class: "cx-card", "aria-label": "Churn warning", "data-testid": "churn-card" });
  const band = values.churnBand !== null ? ChurnBands[values.churnBand] ?? "" : "";
  const level = values.churnBand === ChurnBandHigh ? "high" : values.churnBand === ChurnBandMedium ? "medium" : "low";
  const heading = el("h2", {}, "Churn risk ");
  heading.appendChild(el("span", { class: `cx-risk cx-risk-${level}`, "data-testid": "churn-risk" }, values.churnRisk === null ? "—" : `${values.churnRisk}${band ? ` · ${band}` : ""}`));
  card.appendChild(heading);
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
  heading.appendChild(el("span", { class: "cx-level", "data-testid": "loyalty-level" }, values.loyaltyLevel !== null ? LoyaltyLevels[values.loyaltyLevel] ?? "" : "—"));
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

export function renderSummary(root: HTMLElement, values: CustomerValues, format: UserFormat): void {
  root.replaceChildren(badge(values), churn(values), loyalty(values, format));
}

type SummaryXrm = Pick<typeof Xrm, "WebApi" | "Utility">;

/**
 * The form script hands the page its Xrm and form context (the supported way into a form's web resource) on load and
 * after each recalculation; the user's format is read once.
 */
export function connect(win: Window, root: HTMLElement): void {
  let format: Promise<UserFormat> | null = null;
  (win as unknown as { setClientApiContext: (xrm: SummaryXrm, form: Xrm.FormContext) => Promise<void> }).setClientApiContext = async (xrm, form) => {
    format ??= loadUserFormat(xrm.WebApi, xrm.Utility.getGlobalContext().userSettings).catch(() => new UserFormat(PlainFormat));
    renderSummary(root, readValues(form), await format);
  };
}
