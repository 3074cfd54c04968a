/**
 * A column's value as the server formats it for the user (a choice's label in their language, a lookup's name, a date
 * in their format), "" when the row carries none. Xrm.WebApi asks for these annotations itself: it takes no headers.
 */
export function formattedValue(row: Record<string, unknown>, column: string): string {
  const value = row[`${column}@OData.Community.Display.V1.FormattedValue`];
  return typeof value === "string" ? value : "";
}
