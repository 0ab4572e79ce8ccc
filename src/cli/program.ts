import { Command, CommanderError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { helpExamples } from "./help-examples.js";
import { EXIT, type CliIO } from "./io.js";

/**
 * Builds a fresh commander program wired to `io`. Each command's code is imported only when
 * that command runs, so `validate` never loads what `init` or `compile` need.
 */
export function createProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command("berth")
    .description("Describe a service once; compile it into everything production needs.")
    .version(packageJson.version, "-v, --version")
    .showHelpAfterError("(run `berth --help` for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("validate")
    .description("check manifests against the schema and berth's rules")
    .argument("<files...>", "manifest files (.yaml, .yml, .json, .hcl)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (files: string[], options: { format: "text" | "json" }) => {
      const { validateCommand } = await import("./commands/validate.js");
      setExit(await validateCommand(files, options, io));
    });

  const compileOptions = (command: Command) =>
    command
      .argument("<files...>", "manifest files (.yaml, .yml, .json, .hcl)")
      .option("-o, --out <dir>", "output folder (default: the config's compile.out, else deploy)")
      .option("-e, --env <name>", "only this environment")
      .option("--emit <emitters>", "only these outputs this run, comma-separated (e.g. kubernetes; default: the config's compile.emit, else all)", (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .addOption(new Option("--strategy <strategy>", "override the manifests' deploy strategy").choices(["rolling", "blue-green", "canary"]))
      .option("-c, --config <file>", "config file (default: berth.config.yaml, from here up to the repository root)")
      .addOption(new Option("-f, --format <format>", "summary format (json: files and diagnostics per manifest, for CI)").choices(["text", "json"]).default("text"));
  type CompileFlags = { out?: string; env?: string; emit?: string[]; strategy?: "rolling" | "blue-green" | "canary"; config?: string; format: "text" | "json" };
  const toOptions = (flags: CompileFlags) => ({ out: flags.out, environment: flags.env, emit: flags.emit, strategy: flags.strategy, config: flags.config, format: flags.format });

  compileOptions(program.command("compile").description("validate manifests and write everything production needs"))
    .action(async (files: string[], flags: CompileFlags) => {
      const { compileCommand } = await import("./commands/compile.js");
      setExit(await compileCommand(files, toOptions(flags), io));
    });

  compileOptions(program.command("check").description("fail when the committed output differs from what the manifests compile to"))
    .action(async (files: string[], flags: CompileFlags) => {
      const { checkCommand } = await import("./commands/check.js");
      setExit(await checkCommand(files, toOptions(flags), io));
    });

  program
    .command("lint")
    .description("check manifests against the production-readiness checklist")
    .argument("<files...>", "manifest files (.yaml, .yml, .json, .hcl)")
    .option("-e, --env <name>", "only this environment")
    .addOption(new Option("-f, --format <format>", "report format").choices(["text", "json", "markdown", "sarif", "junit"]).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "exit 1 on findings of this severity or worse (default: the config's lint.fail_on, else error)").choices(["error", "warning"]))
    .option("--as-of <date>", "judge waiver expiry on this date, YYYY-MM-DD (default: today, UTC)")
    .option("--no-waivers", "ignore every waiver (strict mode)")
    .option("-c, --config <file>", "config file (default: berth.config.yaml, from here up to the repository root)")
    .action(async (files: string[], flags: { env?: string; format: "text" | "json" | "markdown" | "sarif" | "junit"; output?: string; failOn?: "error" | "warning"; asOf?: string; waivers: boolean; config?: string }) => {
      const { lintCommand } = await import("./commands/lint.js");
      setExit(await lintCommand(files, flags, io));
    });

  program
    .command("explain")
    .description("say why a checklist rule (or a diagnostic code) exists and how to comply")
    .argument("[rule]", "rule id or code, e.g. min-replicas or UNKNOWN_KEY")
    .option("-l, --list", "list every rule", false)
    .action(async (rule: string | undefined, flags: { list: boolean }) => {
      const { explainCommand } = await import("./commands/explain.js");
      setExit(explainCommand(rule, flags, io));
    });

  program
    .command("schema")
    .description("print the manifest JSON Schema (for editors), or its reference as Markdown")
    .addOption(new Option("-f, --format <format>", "output format").choices(["json", "markdown"]).default("json"))
    .action(async (options: { format: "json" | "markdown" }) => {
      const { schemaCommand } = await import("./commands/schema.js");
      setExit(schemaCommand(options, io));
    });

  program
    .command("init")
    .description("write a commented starter manifest")
    .addOption(new Option("-f, --format <format>", "manifest language").choices(["yaml", "hcl"]).default("yaml"))
    .option("-n, --name <name>", "service name (default: the current directory's name)")
    .option("-o, --output <file>", "file to write (default: service.yaml or service.hcl)")
    .option("--force", "overwrite an existing file", false)
    .action(async (options: { format: "yaml" | "hcl"; name?: string; output?: string; force: boolean }) => {
      const { initCommand } = await import("./commands/init.js");
      setExit(await initCommand(options, io));
    });

  for (const command of program.commands) command.addHelpText("after", helpExamples(command.name()));
  return program;
}

/** Runs the CLI and returns its exit code; the only place errors become exit codes. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander exit is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`berth: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    io.stderr("This is a bug in berth, not in your manifest. Please report it with the command you ran.\n");
    if (io.env.BERTH_DEBUG) io.stderr(`${(error as Error)?.stack ?? ""}\n`);
    return EXIT.usage;
  }
}
