/**
 * What a credential looks like, in one place: the validation rule that refuses literal credentials
 * (src/rules/validate/literal-credentials.ts) and the masking every message, code frame and output
 * format goes through (`maskSecrets`) use these same detectors.
 *
 * Every pattern runs in time linear in its input: each starts at a fixed marker (`://`, `eyJ`, a
 * credential word, a token prefix) and no two quantifiers compete for the same characters, so a
 * megabyte-long value costs milliseconds, not minutes (a leading `[a-z][a-z0-9+.-]*` once made
 * a 140k-character env value take 22 s: it was retried, to the end of the string, at every letter).
 */

/** The words that announce a credential (regex source, `_?` where a separator may be): one list for every detector below. */
const CREDENTIAL_WORDS = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_?KEY", "SECRET_?KEY", "PRIVATE_?KEY", "ACCESS_?KEY", "CREDENTIALS?", "AUTH_?KEY"];

/** Names that announce a credential: the credential word ends the name (`DB_PASSWORD`, not `PASSWORD_MIN_LENGTH`); a DSN too. */
const CREDENTIAL_NAME = new RegExp(`(${[...CREDENTIAL_WORDS, "DSN"].join("|")})(_?[0-9]+)?$`, "i");

/**
 * Values that are credentials whatever they are called. Compiled once; `lastIndex` is never used (no `g`).
 * No leading `\b`: a token glued to other text (`AeyJ…`, `xghp_…`) is still the token.
 */
const CREDENTIAL_VALUE = new RegExp(
  [
    // URL with user:password (any scheme); the user may be empty (`redis://:password@host`, Redis's AUTH form).
    String.raw`:\/\/[^/\s:@]*:[^/\s@]+@`,
    String.raw`-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----`,
    String.raw`AKIA[0-9A-Z]{16}\b`, // AWS access key id
    String.raw`(?:ghp|gho|ghs|ghu|ghr|github_pat)_[A-Za-z0-9_]{20}`,
    String.raw`[sr]k_(?:live|test)_[A-Za-z0-9]{16}`,
    String.raw`xox[abpr]-[A-Za-z0-9-]{10}`,
    String.raw`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`, // a JWT: base64url of `{"` twice, dot-separated
  ].join("|"),
  "i",
);

/**
 * An assignment of a credential inside a text (a config file's `password = hunter2`, a
 * `token: …` line, `?api_key=…` in a URL): the credential word ends the key, then `=` or `:`,
 * then the value (group 1). Whether the value is a placeholder is judged by `isHarmless`.
 */
const KEY = `(?:${CREDENTIAL_WORDS.map((w) => w.replace("_?", "[_-]?")).join("|")})` + String.raw`(?:[_-]?[0-9]+)?["']?[ \t]*[:=][ \t]*["']?`;
/** The value is read up to 64 characters: enough to judge it (a placeholder is known by its start), and a bound on the work per key. */
const ASSIGNMENT = new RegExp(KEY + String.raw`([^\s"',;&#]{0,64})`, "gi");

/** Values that only point at where a credential lives, or are plainly not one. */
const HARMLESS = /^(|true|false|none|null|nil|disabled|enabled|required|optional|[0-9]{1,3}|[0-9]+(ms|[smhdw])|\/[^\s]*|file:.*|env:.*|vault:.*|\$.*|<.*>|\{.*|\[.*|%.*|\*+|x+|\.\.\.|\u2026|changeme|redacted|secret|hidden)$/i;

/** True for a name that announces a credential (an env var, a label or annotation key). */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

/** True when a value under a credential's name is a placeholder, a reference or plainly not a secret. */
export function isHarmless(value: string): boolean {
  return HARMLESS.test(value.trim());
}

/**
 * A credential variable written without its `:` (`  DB_PASSWORD hunter2` under `env:`, which YAML reads as
 * one string): a whole line of an upper-case name (group 1, a credential's name), spaces, and one word, the
 * value (group 2). Whole lines of exactly that shape only, so prose ("TOKEN lifetime is 1h", a message's
 * "in secrets.TOKEN (did you mean …)") is not taken for one. No two quantifiers compete: linear.
 */
const BARE_ASSIGNMENT = /^([ \t"']*([A-Z][A-Z0-9_]*)[ \t]+)([^\s"']+)(["']?[ \t]*)$/gm;

/**
 * True when a line of the text is a credential variable without its `:`. Not part of holdsCredential: as a
 * value it is a type error already (a string where a mapping belongs), judged by where it stands, and a
 * line of prose of that shape ("SECRET rotation") must not make a description a credential.
 */
export function holdsBareCredential(text: string): boolean {
  for (const m of text.matchAll(BARE_ASSIGNMENT)) if (isCredentialName(m[2]!) && !isHarmless(m[3]!)) return true;
  return false;
}

/** An assignment's start anywhere in a text (a credential word, then `:` or `=`): most texts have none, and are done with one test. */
const KEY_WORD = new RegExp(KEY, "i");

/** True when a text holds a credential: a credential-shaped value, or a credential assigned inside it. */
export function holdsCredential(text: string): boolean {
  if (CREDENTIAL_VALUE.test(text)) return true;
  return KEY_WORD.test(text) && credentialAssignments(text).next().done === false;
}

/**
 * Where each credential assignment's value starts in `text`. An assignment that is harmless (or names
 * a Secret) is passed over from its value on, not past it, so a credential word inside that value
 * (`secret: "password = hunter2"`) is judged too. A key's value is read at most twice, and at most
 * 64 characters of it each time: linear in the text, whatever it repeats.
 */
function* credentialAssignments(text: string): Generator<number> {
  const re = new RegExp(ASSIGNMENT.source, "gi");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const valueStart = m.index + m[0].length - m[1]!.length;
    if (isHarmless(m[1]!) || namesASecret(text, m.index)) {
      re.lastIndex = valueStart;
      continue;
    }
    yield valueStart;
    // The caller masks to the end of the line: look again after it.
    const eol = text.indexOf("\n", valueStart);
    re.lastIndex = eol < 0 ? text.length : eol;
  }
}

/** The field that names a Kubernetes Secret (`secret: orders-db`), not a credential: the key is the bare word `secret`. */
function namesASecret(text: string, at: number): boolean {
  return /^secret\b/i.test(text.slice(at, at + 7)) && (at === 0 || !/[\w-]/.test(text[at - 1]!));
}

const MASK = "********";
const VALUE_GLOBAL = new RegExp(CREDENTIAL_VALUE.source, "gi");
/** `user:password@host` without a scheme (an image `user:pass@registry/app`); not a digest `@sha256:`. */
const USERINFO = /(?<![\w.~%!$&'()*+,;=:/-])[\w.~%!$&'()*+,;=-]+:[^\s/@:"']+@(?!sha256:)(?=[\w[])/g;

/**
 * The one masking function: the text with every credential in it replaced by `********` — credential-
 * shaped values, `user:pass@` userinfo, and the value of every credential assignment (`DB_PASSWORD:
 * hunter2`, `password = "…"`). Every diagnostic's message, hint and facts, and every line of every
 * code frame, pass through it, whatever the output format. Masking a line of YAML, HCL or JSON keeps
 * its key, so the frame still shows where the caret is.
 */
export function maskSecrets(text: string): string {
  return maskPlain(text).replace(ESCAPED_SEGMENT, (segment) => {
    // A JSON pointer's segment (`/data/https:~1~1user:pass@host`) escapes `/` as `~1`, which hides a URL's
    // shape: judged decoded, and masked whole.
    const decoded = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    return maskPlain(decoded) === decoded ? segment : MASK;
  });
}

/** A JSON pointer segment with an escape in it (the text up to the next `/` or space). */
const ESCAPED_SEGMENT = /(?<=\/)[^\s/]*~[01][^\s/]*/g;

function maskPlain(text: string): string {
  let out = text.replace(VALUE_GLOBAL, (m) => (m.startsWith("-----") ? m.replace(/PRIVATE KEY-----$/, "PRIVATE KEY----- " + MASK) : m.startsWith("://") ? "://" + MASK + "@" : MASK));
  out = out.replace(USERINFO, MASK + "@");
  // The value of every credential assignment, to the end of its line.
  let masked = "";
  let from = 0;
  for (const valueStart of credentialAssignments(out)) {
    const eol = out.indexOf("\n", valueStart);
    masked += out.slice(from, valueStart) + MASK;
    from = eol < 0 ? out.length : eol;
  }
  return (masked + out.slice(from)).replace(BARE_ASSIGNMENT, (m, key: string, name: string, value: string, end: string) => (isCredentialName(name) && !isHarmless(value) ? key + MASK + end : m));
}
