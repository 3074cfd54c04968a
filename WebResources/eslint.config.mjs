import tseslint from "typescript-eslint";
import powerApps from "@microsoft/eslint-plugin-power-apps";

// The Power Apps checker rules, every one as an error, over typescript-eslint's recommended set.
const checkerRules = Object.fromEntries(
  Object.keys(powerApps.configs.paCheckerHosted.rules).map((rule) => [rule, "error"]),
);

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts"],
    plugins: { "@microsoft/power-apps": powerApps },
    languageOptions: { globals: { Xrm: "readonly", window: "readonly", document: "readonly" } },
    rules: checkerRules,
  },
);
