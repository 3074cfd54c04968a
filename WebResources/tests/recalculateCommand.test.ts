import { beforeEach, describe, expect, it, vi } from "vitest";
import { XrmMockGenerator } from "xrm-mock";
import { canRecalculate, recalculate, recalculateRequest } from "../src/recalculateCommand";
import { Columns, OptionBase } from "../src/shared/schema";

function setup(id: string, tierOnForm = true) {
  XrmMockGenerator.initialise();
  // The form's options in the user's language (German here).
  if (tierOnForm) XrmMockGenerator.Attribute.createOptionSet(Columns.tier, OptionBase + 2, [{ text: "Platin", value: OptionBase + 1 }, { text: "Gold", value: OptionBase + 2 }]);
  const f = XrmMockGenerator.getFormContext();
  vi.spyOn(f.data.entity, "getId").mockReturnValue(id);
  vi.spyOn(f.data, "refresh").mockResolvedValue(undefined as never);
  const utility = Xrm.Utility as unknown as Record<string, unknown>;
  utility.showProgressIndicator = vi.fn();
  utility.closeProgressIndicator = vi.fn();
  const navigation = Xrm.Navigation as unknown as Record<string, unknown>;
  navigation.openErrorDialog = vi.fn().mockResolvedValue(undefined);
  navigation.openAlertDialog = vi.fn().mockResolvedValue(undefined);
  const execute = vi.fn();
  (Xrm as unknown as { WebApi: unknown }).WebApi = { online: { execute } };
  return { f, execute, utility, navigation };
}

describe("Recalculate value command", () => {
  beforeEach(() => vi.restoreAllMocks());

  it("builds the bound Custom API request the Web API expects", () => {
    const request = recalculateRequest("{6F9619FF-8B86-D011-B42D-00C04FC964FF}");
    expect(request.entity).toEqual({ entityType: "account", id: "6f9619ff-8b86-d011-b42d-00c04fc964ff" });
    expect(request.getMetadata()).toEqual({
      boundParameter: "entity",
      parameterTypes: { entity: { typeName: "mscrm.account", structuralProperty: 5 } },
      operationType: 0,
      operationName: "cx_RecalculateCustomer",
    });
  });

  it("shows progress, then the outcome, and refreshes the form", async () => {
    const { f, execute, utility } = setup("{6F9619FF-8B86-D011-B42D-00C04FC964FF}");
    execute.mockResolvedValue({ ok: true, status: 200, statusText: "OK", json: async () => ({ Tier: OptionBase + 1, ActivitiesCreated: 2, ActivitiesUpdated: 1, ActivitiesCancelled: 0 }) });
    const notify = vi.spyOn(f.ui, "setFormNotification");
    await recalculate(f);
    expect(utility.showProgressIndicator).toHaveBeenCalledWith("Recalculating customer value…");
    expect(utility.closeProgressIndicator).toHaveBeenCalled();
    expect(execute.mock.calls[0][0].entity.id).toBe("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    expect(notify).toHaveBeenCalledWith("Recalculated: Platin. Retention work: 2 created, 1 moved, 0 cancelled.", "INFO", "cx-recalculated");
    expect(f.data.refresh).toHaveBeenCalledWith(false);
  });

  it("leaves the tier out on a form without the tier column rather than show its option value", async () => {
    const { f, execute } = setup("{6F9619FF-8B86-D011-B42D-00C04FC964FF}", false);
    execute.mockResolvedValue({ ok: true, status: 200, statusText: "OK", json: async () => ({ Tier: OptionBase + 1, ActivitiesCreated: 0, ActivitiesUpdated: 0, ActivitiesCancelled: 0 }) });
    const notify = vi.spyOn(f.ui, "setFormNotification");
    await recalculate(f);
    expect(notify).toHaveBeenCalledWith("Recalculated. Retention work: 0 created, 0 moved, 0 cancelled.", "INFO", "cx-recalculated");
  });

  it("reports a failure clearly and always closes the progress indicator", async () => {
    const { f, execute, utility, navigation } = setup("{6F9619FF-8B86-D011-B42D-00C04FC964FF}");
    execute.mockRejectedValue({ message: "Only users with the Customer Value Manager role may override a customer tier" });
    await recalculate(f);
    expect(utility.closeProgressIndicator).toHaveBeenCalled();
    expect(navigation.openErrorDialog).toHaveBeenCalledWith({ message: "Recalculation failed: Only users with the Customer Value Manager role may override a customer tier" });
  });

  it("treats a non-OK response as a failure", async () => {
    const { f, execute, navigation } = setup("{6F9619FF-8B86-D011-B42D-00C04FC964FF}");
    execute.mockResolvedValue({ ok: false, status: 500, statusText: "Internal Server Error", json: async () => ({}) });
    await recalculate(f);
    expect(navigation.openErrorDialog).toHaveBeenCalledWith({ message: "Recalculation failed: The server answered 500 Internal Server Error." });
  });

  it("is only enabled on a saved record and explains why otherwise", async () => {
    const { f, execute, navigation } = setup("");
    expect(canRecalculate(f)).toBe(false);
    await recalculate(f);
    expect(execute).not.toHaveBeenCalled();
    expect(navigation.openAlertDialog).toHaveBeenCalledWith({ text: "Save the account before recalculating its value." });
  });
});
