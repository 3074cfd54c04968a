import { ValueThresholds, type ValueThresholdsResponse } from "../shared/customApis";
import { Columns } from "../shared/schema";
import { formattedValue } from "../shared/formattedValue";

export interface Customer {
  id: string;
  name: string;
  tier: number | null;
  /** The tier's label in the user's language, as the server formats it. */
  tierLabel: string;
  /** Profit per year, base currency. */
  currentValue: number;
  /** Incremental profit per year, base currency. */
  growthPotential: number;
  churnRisk: number;
  churnBand: number | null;
  churnBandLabel: string;
  ownerId: string;
  ownerName: string;
}

/** The lines the tiers were computed with; growth potential is split per row of the matrix once calibrated. */
export interface Thresholds {
  currentValue: number;
  /** For customers of low current value (left of the vertical line). */
  growthPotentialLow: number;
  /** For customers of high current value (right of the vertical line). */
  growthPotentialHigh: number;
  calibratedOn: string | null;
}

type Api = Pick<Xrm.WebApi, "retrieveMultipleRecords"> & { online: Pick<Xrm.WebApiOnline, "execute"> };

const PageSize = 5000;

/** Amounts in the organisation's base currency, which the platform keeps beside each currency column. */
const BaseAmount = (column: string): string => `${column}_base`;
const num = (value: unknown): number => (typeof value === "number" ? value : 0);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const choice = (value: unknown): number | null => (typeof value === "number" ? value : null);

/** Reads every page: the Web API returns at most maxPageSize rows and a nextLink for the rest. */
async function readAll(api: Api, table: string, options: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let query: string | null = options;
  while (query !== null) {
    const page: Xrm.RetrieveMultipleResult = await api.retrieveMultipleRecords(table, query, PageSize);
    rows.push(...(page.entities as Record<string, unknown>[]));
    query = page.nextLink ? page.nextLink.substring(page.nextLink.indexOf("?")) : null;
  }
  return rows;
}

/** Every active rated account, with the columns the matrix, its tooltips and its filters need (amounts in base currency). */
export async function loadCustomers(api: Api): Promise<Customer[]> {
  const select = ["accountid", "name", Columns.tier, BaseAmount(Columns.currentvalue), BaseAmount(Columns.growthpotential), Columns.churnrisk, Columns.churnriskband, "_ownerid_value"];
  const rows = await readAll(api, "account", `?$select=${select.join(",")}&$filter=statecode eq 0 and ${Columns.tier} ne null`);
  return rows.map((row) => ({
    id: text(row["accountid"]),
    name: text(row["name"]),
    tier: choice(row[Columns.tier]),
    tierLabel: formattedValue(row, Columns.tier),
    currentValue: num(row[BaseAmount(Columns.currentvalue)]),
    growthPotential: num(row[BaseAmount(Columns.growthpotential)]),
    churnRisk: num(row[Columns.churnrisk]),
    churnBand: choice(row[Columns.churnriskband]),
    churnBandLabel: formattedValue(row, Columns.churnriskband),
    ownerId: text(row["_ownerid_value"]),
    ownerName: formattedValue(row, "_ownerid_value") || text(row["_ownerid_value"]),
  }));
}

/** The unbound function cx_ValueThresholds, called as Xrm.WebApi.online.execute expects (names from its generated contract). */
export function thresholdsRequest(): { getMetadata: () => object } {
  return {
    getMetadata: () => ({ boundParameter: null, parameterTypes: {}, operationType: ValueThresholds.operationType, operationName: ValueThresholds.name }),
  };
}

export async function loadThresholds(api: Api): Promise<Thresholds> {
  const response = await api.online.execute(thresholdsRequest());
  if (!response.ok) throw new Error(`${ValueThresholds.name} answered ${response.status} ${response.statusText}.`);
  const result = (await response.json()) as ValueThresholdsResponse;
  return {
    currentValue: result.CurrentValueThreshold,
    growthPotentialLow: result.GrowthPotentialThreshold,
    growthPotentialHigh: result.GrowthPotentialThresholdAtHighValue,
    calibratedOn: result.CalibratedOn || null,
  };
}
