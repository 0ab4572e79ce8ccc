/** Handlebars templates are imported as text (esbuild's text loader; a small plugin in vitest.config.ts). */
declare module "*.hbs" {
  const text: string;
  export default text;
}
