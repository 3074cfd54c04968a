import { StartRecalculation, type StartRecalculationRequest, type StartRecalculationResponse } from "./shared/customApis";
import { JobColumns, JobTable, RecalculationScope } from "./shared/schema";

/** What a new job copies from the one on the form. The cut-off is left out: a re-run evaluates the scope as of now. */
export function definitionOf(job: Xrm.FormContext): StartRecalculationRequest {
  const value = <T>(column: string): T | null => (job.getAttribute(column)?.getValue() as T | null) ?? null;
  const definition: StartRecalculationRequest = {
    TableName: value<number>(JobColumns.scope) === RecalculationScope.Contacts ? "contact" : "account",
    Rebuild: value<boolean>(JobColumns.rebuild) === true,
    Calibrate: value<boolean>(JobColumns.calibrate) === true,
  };
  const filter = value<string>(JobColumns.filter);
  if (filter) definition.Filter = filter;
  const pageSize = value<number>(JobColumns.pagesize);
  if (pageSize) definition.PageSize = pageSize;
  const name = value<string>(JobColumns.name);
  if (name) definition.Name = `${name} (run again)`;
  return definition;
}

/** The request Xrm.WebApi.online.execute sends for the unbound cx_StartRecalculation action, with only the given parameters. */
export function startRequest(definition: StartRecalculationRequest): StartRecalculationRequest & { getMetadata: () => object } {
  const parameterTypes = Object.fromEntries(
    Object.keys(definition).map((name) => [name, StartRecalculation.parameterTypes[name as keyof StartRecalculationRequest]]),
  );
  return {
    ...definition,
    getMetadata: () => ({ boundParameter: null, parameterTypes, operationType: StartRecalculation.operationType, operationName: StartRecalculation.name }),
  };
}

/** Ribbon enable rule: only a saved job has a definition to run again. */
export function canRunAgain(primaryControl: Xrm.FormContext): boolean {
  return primaryControl.data.entity.getId() !== "";
}

/** Ribbon command "Run again": starts a new job with this job's definition and opens it, where its progress shows. */
export async function runAgain(primaryControl: Xrm.FormContext): Promise<void> {
  if (!canRunAgain(primaryControl)) {
    await Xrm.Navigation.openAlertDialog({ text: "Save the job first: saving a new job starts it." });
    return;
  }
  Xrm.Utility.showProgressIndicator("Starting the recalculation job…");
  try {
    const response = await Xrm.WebApi.online.execute(startRequest(definitionOf(primaryControl)));
    if (!response.ok) throw new Error(`The server answered ${response.status} ${response.statusText}.`);
    const result = (await response.json()) as StartRecalculationResponse;
    Xrm.Utility.closeProgressIndicator();
    if (result.JobId) await Xrm.Navigation.openForm({ entityName: JobTable, entityId: result.JobId });
  } catch (error) {
    Xrm.Utility.closeProgressIndicator();
    const message = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
    await Xrm.Navigation.openErrorDialog({ message: `The job could not be started: ${message}` });
  }
}
