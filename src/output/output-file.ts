import { generatedHeader } from "./header.js";
import { toYaml, type YamlValue } from "./yaml.js";

/** One file an emitter produces: a path relative to `<out>/<service>/<environment>/` (or `<out>/<service>/` from `emitService`), and its full text. */
export interface OutputFile {
  path: string;
  content: string;
}

/** A YAML file holding one document, with berth's header. */
export function yamlFile(path: string, source: string, document: YamlValue): OutputFile {
  return { path, content: generatedHeader(source) + toYaml(document) };
}
