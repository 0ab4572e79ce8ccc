import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    {
      // Handlebars templates are imported as text, as esbuild's text loader does in the build.
      name: "handlebars-as-text",
      transform(code, id) {
        return id.endsWith(".hbs") ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
});
