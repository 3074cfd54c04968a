import { describe, expect, it, vi } from "vitest";
import { PlainFormat, UserFormat, loadUserFormat } from "../src/shared/userFormat";

const german = new UserFormat({ ...PlainFormat, decimalSymbol: ",", groupSeparator: ".", currencySymbol: "€", currencyPattern: 3 });

describe("the user's number format", () => {
  it("writes numbers and amounts as the user's Personalization settings say", () => {
    expect(german.number(1234567)).toBe("1.234.567");
    expect(german.money(12345.678)).toBe("12.345,68 €");
    expect(german.money(5000, 0)).toBe("5.000 €");
    expect(german.percent(0.355)).toBe("36%");
    expect(new UserFormat({ ...PlainFormat, currencySymbol: "$", currencyPattern: 0 }).money(5000, 0)).toBe("$5,000");
    expect(new UserFormat({ ...PlainFormat, currencySymbol: "CHF", currencyPattern: 2 }).money(5000, 0)).toBe("CHF 5,000");
  });

  it("groups digits by the user's group sizes, Indian style included", () => {
    expect(new UserFormat({ ...PlainFormat, groupSizes: [3, 2] }).number(12345678)).toBe("1,23,45,678");
    expect(new UserFormat({ ...PlainFormat, groupSizes: [3, 0] }).number(12345678)).toBe("12345,678");
  });

  it("writes negatives the user's way and never a negative zero", () => {
    expect(new UserFormat({ ...PlainFormat, negativePattern: 0 }).number(-5)).toBe("(5)");
    expect(new UserFormat({ ...PlainFormat, negativePattern: 3 }).number(-5)).toBe("5-");
    expect(new UserFormat(PlainFormat).number(-0.2)).toBe("0");
  });

  it("converts base-currency amounts into the user's currency", () => {
    expect(new UserFormat({ ...PlainFormat, exchangeRate: 1.1, currencySymbol: "$" }).money(100, 0)).toBe("$110");
  });

  it("reads the usersettings row and the user's currency rate", async () => {
    const retrieveRecord = vi.fn(async (table: string, id: string): Promise<Record<string, unknown>> => id &&
      table === "usersettings"
        ? { decimalsymbol: ",", numberseparator: " ", numbergroupformat: "3", currencysymbol: "kr", currencyformatcode: 3, currencydecimalprecision: 2, negativeformatcode: 1 }
        : { exchangerate: 10 });
    const format = await loadUserFormat({ retrieveRecord } as never, { userId: "{AA-BB}", transactionCurrency: { id: "{CC}", name: "Swedish krona", entityType: "transactioncurrency" } });
    expect(retrieveRecord.mock.calls.map((c) => [c[0], c[1]])).toEqual([["usersettings", "aa-bb"], ["transactioncurrency", "cc"]]);
    expect(format.money(1234.5)).toBe("12 345,00 kr");
  });
});
