/** Unrated or unknown tiers; the tiers' own colours are their options' colours in cx_tier (schema.ts's TierColours). */
export const NoTierColour = "#8a8886";
