/**
 * The user's own number and currency format (Personalization → Formats: decimal symbol, digit grouping, currency symbol
 * and placement, negative numbers), read from their usersettings row, and their currency from Xrm's user settings:
 * amounts kept in the organisation's base currency are converted with that currency's exchange rate.
 */
export interface NumberFormat {
  decimalSymbol: string;
  groupSeparator: string;
  /** .NET group sizes: "3" groups by thousands, "3,2" as in India; a trailing 0 stops grouping. */
  groupSizes: number[];
  currencySymbol: string;
  /** usersettings.currencyformatcode: 0 "$123", 1 "123$", 2 "$ 123", 3 "123 $". */
  currencyPattern: number;
  currencyPrecision: number;
  /** usersettings.negativeformatcode: 0 "(123)", 1 "-123", 2 "- 123", 3 "123-", 4 "123 -". */
  negativePattern: number;
  /** Units of the user's currency per unit of the base currency. */
  exchangeRate: number;
}

/** What a page shows when the user's settings cannot be read: plain grouping, amounts as stored, no symbol. */
export const PlainFormat: NumberFormat = {
  decimalSymbol: ".", groupSeparator: ",", groupSizes: [3], currencySymbol: "", currencyPattern: 0, currencyPrecision: 2, negativePattern: 1, exchangeRate: 1,
};

function group(digits: string, sizes: number[], separator: string): string {
  const parts: string[] = [];
  let rest = digits;
  let index = 0;
  while (rest.length > 0) {
    const size = sizes[Math.min(index, sizes.length - 1)];
    if (size <= 0 || rest.length <= size) {
      parts.unshift(rest);
      break;
    }
    parts.unshift(rest.slice(-size));
    rest = rest.slice(0, -size);
    index++;
  }
  return parts.join(separator);
}

export class UserFormat {
  constructor(readonly format: NumberFormat) {}

  /** A number with the user's decimal symbol and grouping; the sign as the user's negative format says. */
  number(value: number, digits = 0): string {
    return this.signed(value, this.plain(Math.abs(value), digits));
  }

  /** An amount of the base currency, in the user's currency and format (to the currency's precision unless told). */
  money(baseAmount: number, digits = this.format.currencyPrecision): string {
    const amount = baseAmount * this.format.exchangeRate;
    const text = this.plain(Math.abs(amount), digits);
    const symbol = this.format.currencySymbol;
    const withSymbol = !symbol ? text : [symbol + text, text + symbol, `${symbol} ${text}`, `${text} ${symbol}`][this.format.currencyPattern] ?? symbol + text;
    return this.signed(amount, withSymbol);
  }

  /** A share (0.35) as a percentage ("35 %" style follows the number format; the sign is not localised further). */
  percent(share: number): string {
    return `${this.number(share * 100)}%`;
  }

  private plain(value: number, digits: number): string {
    const [whole, fraction] = value.toFixed(digits).split(".");
    const grouped = group(whole, this.format.groupSizes, this.format.groupSeparator);
    return fraction ? grouped + this.format.decimalSymbol + fraction : grouped;
  }

  private signed(value: number, text: string): string {
    if (!(value < 0) || Number(text.replace(/[^0-9]/g, "")) === 0) return text;
    return [`(${text})`, `-${text}`, `- ${text}`, `${text}-`, `${text} -`][this.format.negativePattern] ?? `-${text}`;
  }
}

type FormatApi = Pick<Xrm.WebApi, "retrieveRecord">;
type UserContext = Pick<Xrm.UserSettings, "userId" | "transactionCurrency">;

const clean = (id: string): string => id.replace(/[{}]/g, "").toLowerCase();
const text = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback);
const num = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);

/** The signed-in user's format: two reads (their usersettings row and their currency's exchange rate). */
export async function loadUserFormat(api: FormatApi, user: UserContext): Promise<UserFormat> {
  const settings = await api.retrieveRecord("usersettings", clean(user.userId),
    "?$select=decimalsymbol,numberseparator,numbergroupformat,currencysymbol,currencyformatcode,currencydecimalprecision,negativeformatcode");
  let exchangeRate = 1;
  if (user.transactionCurrency?.id) {
    const currency = await api.retrieveRecord("transactioncurrency", clean(user.transactionCurrency.id), "?$select=exchangerate");
    exchangeRate = num(currency["exchangerate"], 1);
  }
  const sizes = text(settings["numbergroupformat"], "3").split(",").map((s) => Number(s.trim())).filter((n) => !Number.isNaN(n));
  return new UserFormat({
    decimalSymbol: text(settings["decimalsymbol"], PlainFormat.decimalSymbol),
    groupSeparator: text(settings["numberseparator"], PlainFormat.groupSeparator),
    groupSizes: sizes.length ? sizes : PlainFormat.groupSizes,
    currencySymbol: text(settings["currencysymbol"], PlainFormat.currencySymbol),
    currencyPattern: num(settings["currencyformatcode"], PlainFormat.currencyPattern),
    currencyPrecision: num(settings["currencydecimalprecision"], PlainFormat.currencyPrecision),
    negativePattern: num(settings["negativeformatcode"], PlainFormat.negativePattern),
    exchangeRate,
  });
}
