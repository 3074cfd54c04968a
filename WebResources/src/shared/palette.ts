/** One colour per tier, the same on the value matrix, the form's badge and the app icon (Fluent's brand, gold and neutrals). */
export const TierColours: Record<string, string> = { Platinum: "#0f6cbd", Gold: "#bc8b00", Iron: "#616161", Lead: "#a19f9d" };

/** Unrated or unknown tiers. */
export const NoTierColour = "#8a8886";
