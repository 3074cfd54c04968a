import { beforeEach, describe, expect, it, vi } from "vitest";
import { XrmMockGenerator } from "xrm-mock";
import { canRunAgain, definitionOf, runAgain, startRequest } from "../src/recalculationJobCommand";
import { JobColumns, RecalculationScope } from "../src/shared/schema";

const jobId = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}";

function setup(id: string, scope: number, filter: string | null, pageSize: number | null) {
  XrmMockGenerator.initialise();
  XrmMockGenerator.Attribute.createString(JobColumns.name, "Nightly refresh 2026-11-22");
  XrmMockGenerator.Attribute.createOptionSet(JobColumns.scope, scope, [
    { text: "Accounts", value: RecalculationScope.Accounts },
    { text: "Contacts", value: RecalculationScope.Contacts },
  ]);
  XrmMockGenerator.Attribute.createString(JobColumns.filter, filter as string);
  XrmMockGenerator.Attribute.createBoolean(JobColumns.rebuild, true);
  XrmMockGenerator.Attribute.createBoolean(JobColumns.calibrate, false);
  XrmMockGenerator.Attribute.createNumber(JobColumns.pagesize, pageSize as number);
  const f = XrmMockGenerator.getFormContext();
  vi.spyOn(f.data.entity, "getId").mockReturnValue(id);
  const utility = Xrm.Utility as unknown as Record<string, unknown>;
  utility.showProgressIndicator = vi.fn();
  utility.closeProgressIndicator = vi.fn();
  const navigation = Xrm.Navigation as unknown as Record<string, unknown>;
  navigation.openErrorDialog = vi.fn().mockResolvedValue(undefined);
  navigation.openAlertDialog = vi.fn().mockResolvedValue(undefined);
  navigation.openForm = vi.fn().mockResolvedValue(undefined);
  const execute = vi.fn();
  (Xrm as unknown as { WebApi: unknown }).WebApi = { online: { execute } };
  return { f, execute, utility, navigation };
}

describe("Run again command on a recalculation job", () => {
  beforeEach(() => vi.restoreAllMocks());

  it("copies the job's definition, as of now, and sends only the parameters it has", () => {
    const { f } = setup(jobId, RecalculationScope.Contacts, "<filter><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /></filter>", 100);
    const definition = definitionOf(f);
    expect(definition).toEqual({
      TableName: "contact",
      Rebuild: true,
      Calibrate: false,
      Filter: "<filter><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /></filter>",
      PageSize: 100,
      Name: "Nightly refresh 2026-11-22 (run again)",
    });
    expect(startRequest(definition).getMetadata()).toEqual({
      boundParameter: null,
      parameterTypes: {
        TableName: { typeName: "Edm.String", structuralProperty: 1 },
        Rebuild: { typeName: "Edm.Boolean", structuralProperty: 1 },
        Calibrate: { typeName: "Edm.Boolean", structuralProperty: 1 },
        Filter: { typeName: "Edm.String", structuralProperty: 1 },
        PageSize: { typeName: "Edm.Int32", structuralProperty: 1 },
        Name: { typeName: "Edm.String", structuralProperty: 1 },
      },
      operationType: 0,
      operationName: "cx_StartRecalculation",
    });
  });

  it("leaves out a filter and page size the job did not set", () => {
    const { f } = setup(jobId, RecalculationScope.Accounts, null, null);
    expect(Object.keys(definitionOf(f)).sort()).toEqual(["Calibrate", "Name", "Rebuild", "TableName"]);
    expect(definitionOf(f).TableName).toBe("account");
  });

  it("starts the new job and opens it, where its progress shows", async () => {
    const { f, execute, utility, navigation } = setup(jobId, RecalculationScope.Accounts, null, 250);
    execute.mockResolvedValue({ ok: true, status: 200, statusText: "OK", json: async () => ({ JobId: "1b2c3d4e-0000-4000-8000-000000000001" }) });
    await runAgain(f);
    expect(utility.showProgressIndicator).toHaveBeenCalledWith("Starting the recalculation job…");
    expect(utility.closeProgressIndicator).toHaveBeenCalled();
    expect(navigation.openForm).toHaveBeenCalledWith({ entityName: "cx_recalculationjob", entityId: "1b2c3d4e-0000-4000-8000-000000000001" });
  });

  it("reports a refusal clearly and always closes the progress indicator", async () => {
    const { f, execute, utility, navigation } = setup(jobId, RecalculationScope.Accounts, null, null);
    execute.mockRejectedValue({ message: "The filter is not a FetchXML <filter> the platform accepts" });
    await runAgain(f);
    expect(utility.closeProgressIndicator).toHaveBeenCalled();
    expect(navigation.openErrorDialog).toHaveBeenCalledWith({ message: "The job could not be started: The filter is not a FetchXML <filter> the platform accepts" });
  });

  it("is only enabled on a saved job", async () => {
    const { f, execute, navigation } = setup("", RecalculationScope.Accounts, null, null);
    expect(canRunAgain(f)).toBe(false);
    await runAgain(f);
    expect(execute).not.toHaveBeenCalled();
    expect(navigation.openAlertDialog).toHaveBeenCalledWith({ text: "Save the job first: saving a new job starts it." });
  });
});
