import { TierColours } from "./schema";

/** Unrated or unknown tiers; the tiers' own colours are their options' colours in cx_tier. */
const NoTierColour = "#8a8886";

/** A tier's colour by its option value, never its label, so a translated or renamed tier keeps its colour. */
export function tierColour(tier: number | null): string {
  return (tier !== null ? TierColours[tier] : undefined) ?? NoTierColour;
}
