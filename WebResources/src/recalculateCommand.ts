import { RecalculateCustomer, type RecalculateCustomerResponse } from "./shared/customApis";
import { Columns } from "./shared/schema";
import { refreshAfterRecalculation } from "./customerForm";

/** The request Xrm.WebApi.online.execute sends for the bound cx_RecalculateCustomer Custom API (names from its generated contract). */
export function recalculateRequest(accountId: string): { entity: { entityType: string; id: string }; getMetadata: () => object } {
  return {
    entity: { entityType: RecalculateCustomer.boundTo, id: accountId.replace(/[{}]/g, "").toLowerCase() },
    getMetadata: () => ({
      boundParameter: "entity",
      parameterTypes: { entity: { typeName: `mscrm.${RecalculateCustomer.boundTo}`, structuralProperty: 5 } },
      operationType: RecalculateCustomer.operationType,
      operationName: RecalculateCustomer.name,
    }),
  };
}

/** Ribbon enable rule: only a saved record can be recalculated. */
export function canRecalculate(primaryControl: Xrm.FormContext): boolean {
  return primaryControl.data.entity.getId() !== "";
}

/** Ribbon command "Recalculate value": calls the Custom API with a progress indicator and reports the outcome. */
export async function recalculate(primaryControl: Xrm.FormContext): Promise<void> {
  const id = primaryControl.data.entity.getId();
  if (!id) {
    await Xrm.Navigation.openAlertDialog({ text: "Save the account before recalculating its value." });
    return;
  }
  Xrm.Utility.showProgressIndicator("Recalculating customer value…");
  try {
    const response = await Xrm.WebApi.online.execute(recalculateRequest(id));
    if (!response.ok) throw new Error(`The server answered ${response.status} ${response.statusText}.`);
    const result = (await response.json()) as RecalculateCustomerResponse;
    Xrm.Utility.closeProgressIndicator();
    // The response carries the tier's value only. The form's option of that value names it in the user's language; it is
    // the tier computed, which a manager's override may keep off the form. A form without the column names none.
    const tier = primaryControl.getAttribute<Xrm.Attributes.OptionSetAttribute>(Columns.tier)?.getOption(result.Tier)?.text;
    primaryControl.ui.setFormNotification(
      `Recalculated${tier ? `: ${tier}` : ""}. Retention work: ${result.ActivitiesCreated} created, ${result.ActivitiesUpdated} moved, ${result.ActivitiesCancelled} cancelled.`,
      "INFO",
      "cx-recalculated",
    );
    await refreshAfterRecalculation(primaryControl);
  } catch (error) {
    Xrm.Utility.closeProgressIndicator();
    const message = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
    await Xrm.Navigation.openErrorDialog({ message: `Recalculation failed: ${message}` });
  }
}
