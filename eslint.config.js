// Lints the pages' scripts, the browser tests and the Node unit tests (`make lint`).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["site/static/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    // site.js is a classic script, loaded before the first paint.
    files: ["site/static/site.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["tests/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
  { ignores: ["node_modules/", "dist/", "target/", "functions/build/", ".wrangler/"] },
];
