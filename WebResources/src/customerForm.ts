import { ChurnRiskBand, Columns, MinReasonLength, OverridePrivilege, TierDescriptions } from "./shared/schema";

const TierNotification = "cx-tier";
const ReasonNotification = "cx-override-reason";

/** The web resource control of the customer summary (tier badge, churn reasons, loyalty) on the main forms. */
export const SummaryControl = "WebResource_customersummary";

/** True when the user holds the override privilege (the plugin enforces it on save too). */
export async function canOverrideTier(): Promise<boolean> {
  const privileges = await Xrm.Utility.getGlobalContext().userSettings.getSecurityRolePrivilegesInfo();
  return Object.keys(privileges).some((id) => privileges[id].privilegeName === OverridePrivilege);
}

/** The banner text: tier (the form's label, in the user's language) with its policy, and the top churn reasons when risk is medium or high. */
export function tierMessage(form: Xrm.FormContext): { text: string; level: Xrm.FormNotificationLevel } | null {
  const tier = form.getAttribute<Xrm.Attributes.OptionSetAttribute>(Columns.tier);
  const value = tier?.getValue();
  if (!tier || value === null || value === undefined) return null;
  const policy = TierDescriptions[value];
  if (!policy) return { text: `Unknown tier value ${value}: recalculate the customer.`, level: "WARNING" };
  let text = `${tier.getText()} customer: ${policy}.`;
  const band = form.getAttribute<Xrm.Attributes.OptionSetAttribute>(Columns.churnriskband)?.getValue();
  const reasons = form.getAttribute<Xrm.Attributes.StringAttribute>(Columns.churnreasons)?.getValue();
  const atRisk = band === ChurnRiskBand.High || band === ChurnRiskBand.Medium;
  if (atRisk && reasons) {
    const risk = form.getAttribute<Xrm.Attributes.NumberAttribute>(Columns.churnrisk)?.getValue() ?? 0;
    text += ` Churn risk ${risk}: ${reasons.split("; ").slice(0, 2).join("; ")}.`;
  }
  return { text, level: band === ChurnRiskBand.High ? "WARNING" : "INFO" };
}

/**
 * Hands the summary web resource this form's context, the supported way into a form's web resource. False when the
 * form has no summary or it cannot be reached: the form script then works alone and the banner carries the tier.
 */
export async function showSummary(form: Xrm.FormContext): Promise<boolean> {
  const control = form.getControl<Xrm.Controls.IframeControl>(SummaryControl);
  if (!control || typeof control.getContentWindow !== "function") return false;
  try {
    const summary = (await control.getContentWindow()) as unknown as { setClientApiContext?: (xrm: typeof Xrm, form: Xrm.FormContext) => Promise<void> };
    if (typeof summary.setClientApiContext !== "function") return false;
    await summary.setClientApiContext(Xrm, form);
    return true;
  } catch {
    return false;
  }
}

/** The banner: tier and policy when no summary shows them, and a high churn risk always. */
function showTier(form: Xrm.FormContext, summarised: boolean): void {
  form.ui.clearFormNotification(TierNotification);
  const message = tierMessage(form);
  if (message && (!summarised || message.level === "WARNING")) form.ui.setFormNotification(message.text, message.level, TierNotification);
}

function lockOverride(form: Xrm.FormContext, allowed: boolean): void {
  for (const column of [Columns.tier, Columns.tieroverride, Columns.tieroverridereason, Columns.tieroverrideuntil]) {
    form.getControl<Xrm.Controls.StandardControl>(column)?.setDisabled(!allowed);
  }
}

/** A permitted change of the tier turns the override on and makes the reason required. */
export function onTierChange(executionContext: Xrm.Events.EventContext): void {
  const form = executionContext.getFormContext();
  const tier = form.getAttribute(Columns.tier);
  if (!tier || !tier.getIsDirty()) return;
  form.getAttribute<Xrm.Attributes.BooleanAttribute>(Columns.tieroverride)?.setValue(true);
  form.getAttribute(Columns.tieroverridereason)?.setRequiredLevel("required");
}

export async function onLoad(executionContext: Xrm.Events.EventContext): Promise<void> {
  const form = executionContext.getFormContext();
  // Locked until proven allowed, so a failed privilege lookup never leaves the tier editable.
  lockOverride(form, false);
  showTier(form, await showSummary(form));
  let allowed = false;
  try {
    allowed = await canOverrideTier();
  } catch {
    allowed = false;
  }
  lockOverride(form, allowed);
  if (allowed) form.getAttribute(Columns.tier)?.addOnChange(onTierChange);
}

/** Blocks a save that changes the tier without an override reason; the server enforces the same rule. */
export function onSave(executionContext: Xrm.Events.SaveEventContext): void {
  const form = executionContext.getFormContext();
  const tier = form.getAttribute(Columns.tier);
  const reasonControl = form.getControl<Xrm.Controls.StringControl>(Columns.tieroverridereason);
  reasonControl?.clearNotification(ReasonNotification);
  if (!tier || !tier.getIsDirty()) return;
  const reason = (form.getAttribute<Xrm.Attributes.StringAttribute>(Columns.tieroverridereason)?.getValue() ?? "").trim();
  if (reason.length >= MinReasonLength) return;
  executionContext.getEventArgs().preventDefault();
  const message = `Give a reason of at least ${MinReasonLength} characters for overriding the tier.`;
  if (reasonControl) reasonControl.setNotification(message, ReasonNotification);
  else form.ui.setFormNotification(message, "ERROR", ReasonNotification);
}

/** After a recalculation: reload the record and show the new tier. */
export async function refreshAfterRecalculation(form: Xrm.FormContext): Promise<void> {
  await form.data.refresh(false);
  showTier(form, await showSummary(form));
}
