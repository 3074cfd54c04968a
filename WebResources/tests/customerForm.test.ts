import { beforeEach, describe, expect, it, vi } from "vitest";
import { XrmMockGenerator } from "xrm-mock";
import { SummaryControl, onLoad, onSave, onTierChange, showSummary, tierMessage } from "../src/customerForm";
import { Columns, OptionBase } from "../src/shared/schema";

const platinum = OptionBase + 1;
const gold = OptionBase + 2;

function grantOverride(granted: boolean) {
  const privileges = granted ? { "a1": { id: "a1", businessUnitId: "b", privilegeName: "prvAppendTocx_tieroverrideaudit", depth: 3 } } : {};
  const userSettings = { getSecurityRolePrivilegesInfo: vi.fn().mockResolvedValue(privileges) };
  (Xrm.Utility as unknown as { getGlobalContext: () => unknown }).getGlobalContext = () => ({ userSettings });
}

let granted = false;

function form(values: { tier?: number | null; band?: number | null; risk?: number; reasons?: string | null; platinumText?: string } = {}) {
  XrmMockGenerator.initialise();
  grantOverride(granted);
  XrmMockGenerator.Attribute.createOptionSet(Columns.tier, values.tier ?? null as unknown as number,
    [{ text: values.platinumText ?? "Platinum", value: platinum }, { text: "Gold", value: gold }]);
  XrmMockGenerator.Attribute.createOptionSet(Columns.churnriskband, values.band ?? null as unknown as number,
    [{ text: "Low", value: OptionBase + 1 }, { text: "Medium", value: OptionBase + 2 }, { text: "High", value: OptionBase + 3 }]);
  XrmMockGenerator.Attribute.createNumber(Columns.churnrisk, values.risk ?? 0);
  XrmMockGenerator.Attribute.createString(Columns.churnreasons, values.reasons ?? "");
  XrmMockGenerator.Attribute.createBoolean(Columns.tieroverride, false);
  XrmMockGenerator.Attribute.createString(Columns.tieroverridereason, "");
  XrmMockGenerator.Attribute.createDate(Columns.tieroverrideuntil, undefined);
  return XrmMockGenerator.getFormContext();
}

describe("customer form", () => {
  beforeEach(() => {
    granted = false;
  });

  it("shows the tier and its policy as a form notification", async () => {
    const f = form({ tier: platinum, band: OptionBase + 1 });
    const notify = vi.spyOn(f.ui, "setFormNotification");
    await onLoad(XrmMockGenerator.getEventContext());
    expect(notify).toHaveBeenCalledWith("Platinum customer: top priority: strengthen the relationship at any cost.", "INFO", "cx-tier");
  });

  it("adds the top two churn reasons as a warning when risk is high", () => {
    const f = form({ tier: gold, band: OptionBase + 3, risk: 72, reasons: "Purchase value fell 60%; 2 open complaints; No purchase for 200 days" });
    expect(tierMessage(f)).toEqual({
      text: "Gold customer: key investment: keep the relationship high. Churn risk 72: Purchase value fell 60%; 2 open complaints.",
      level: "WARNING",
    });
  });

  it("names the tier as the form does, in the user's language, with the policy of its value", () => {
    const f = form({ tier: platinum, band: OptionBase + 1, platinumText: "Platin" });
    expect(tierMessage(f)).toEqual({ text: "Platin customer: top priority: strengthen the relationship at any cost.", level: "INFO" });
  });

  it("shows nothing before the first evaluation", () => {
    expect(tierMessage(form({ tier: null }))).toBeNull();
  });

  it("locks the tier and override fields for users without the override privilege", async () => {
    const f = form({ tier: gold });
    await onLoad(XrmMockGenerator.getEventContext());
    for (const column of [Columns.tier, Columns.tieroverride, Columns.tieroverridereason, Columns.tieroverrideuntil]) {
      expect((f.getControl(column) as Xrm.Controls.StandardControl).getDisabled()).toBe(true);
    }
  });

  it("unlocks them for a manager, and a tier change turns the override on with a required reason", async () => {
    granted = true;
    const f = form({ tier: gold });
    await onLoad(XrmMockGenerator.getEventContext());
    expect((f.getControl(Columns.tier) as Xrm.Controls.StandardControl).getDisabled()).toBe(false);
    f.getAttribute(Columns.tier)!.setValue(platinum);
    onTierChange(XrmMockGenerator.getEventContext());
    expect(f.getAttribute(Columns.tieroverride)!.getValue()).toBe(true);
    expect(f.getAttribute(Columns.tieroverridereason)!.getRequiredLevel()).toBe("required");
  });

  it("keeps the fields locked when the privilege lookup fails", async () => {
    const f = form({ tier: gold });
    const userSettings = { getSecurityRolePrivilegesInfo: vi.fn().mockRejectedValue(new Error("offline")) };
    (Xrm.Utility as unknown as { getGlobalContext: () => unknown }).getGlobalContext = () => ({ userSettings });
    await onLoad(XrmMockGenerator.getEventContext());
    expect((f.getControl(Columns.tier) as Xrm.Controls.StandardControl).getDisabled()).toBe(true);
  });

  function withSummary(f: Xrm.FormContext, contentWindow: () => Promise<unknown>) {
    const original = f.getControl.bind(f) as (name: string) => Xrm.Controls.Control;
    vi.spyOn(f, "getControl").mockImplementation(((name: string) =>
      name === SummaryControl ? { getContentWindow: contentWindow } : original(name)) as never);
  }

  it("hands the summary web resource the form context; the banner then only warns of a high churn risk", async () => {
    const f = form({ tier: gold, band: OptionBase + 2, risk: 40, reasons: "Purchase value fell 60%" });
    const setClientApiContext = vi.fn().mockResolvedValue(undefined);
    withSummary(f, () => Promise.resolve({ setClientApiContext }));
    const notify = vi.spyOn(f.ui, "setFormNotification");
    await onLoad(XrmMockGenerator.getEventContext());
    expect(setClientApiContext).toHaveBeenCalledWith(Xrm, f);
    expect(notify).not.toHaveBeenCalled();

    f.getAttribute(Columns.churnriskband)!.setValue(OptionBase + 3);
    await onLoad(XrmMockGenerator.getEventContext());
    expect(notify).toHaveBeenCalledWith(expect.stringContaining("Churn risk 40"), "WARNING", "cx-tier");
  });

  it("works alone when the summary is missing or cannot be reached, and the banner carries the tier", async () => {
    const f = form({ tier: gold, band: OptionBase + 1 });
    expect(await showSummary(f)).toBe(false);
    withSummary(f, () => Promise.reject(new Error("frame blocked")));
    expect(await showSummary(f)).toBe(false);
    withSummary(f, () => Promise.resolve({}));
    const notify = vi.spyOn(f.ui, "setFormNotification");
    await onLoad(XrmMockGenerator.getEventContext());
    expect(notify).toHaveBeenCalledWith("Gold customer: key investment: keep the relationship high.", "INFO", "cx-tier");
  });

  function saveContext(f: Xrm.FormContext) {
    const preventDefault = vi.fn();
    const context = { getFormContext: () => f, getEventArgs: () => ({ preventDefault }) } as unknown as Xrm.Events.SaveEventContext;
    return { context, preventDefault };
  }

  it("blocks saving a changed tier without a reason of at least 10 characters", () => {
    const f = form({ tier: gold });
    f.getAttribute(Columns.tier)!.setValue(platinum);
    f.getAttribute(Columns.tieroverridereason)!.setValue("because");
    const notify = vi.spyOn(f.getControl(Columns.tieroverridereason) as Xrm.Controls.StringControl, "setNotification");
    const { context, preventDefault } = saveContext(f);
    onSave(context);
    expect(preventDefault).toHaveBeenCalled();
    expect(notify).toHaveBeenCalledWith("Give a reason of at least 10 characters for overriding the tier.", "cx-override-reason");
  });

  it("lets a save through with a proper reason or without a tier change", () => {
    const f = form({ tier: gold });
    const { context, preventDefault } = saveContext(f);
    onSave(context);
    f.getAttribute(Columns.tier)!.setValue(platinum);
    f.getAttribute(Columns.tieroverridereason)!.setValue("Strategic reference customer");
    onSave(context);
    expect(preventDefault).not.toHaveBeenCalled();
  });
});
