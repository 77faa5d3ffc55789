// Validates Kubernetes objects (multi-document YAML on stdin) against the Kubernetes OpenAPI schema, with the
// kubernetes-models package. Usage: node validate-k8s.mjs <tools-dir> <label> < objects.yaml
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsArg, label] = process.argv.slice(2);
const tools = resolve(toolsArg);
const require = createRequire(join(tools, "package.json"));
const YAML = require("yaml");
const models = join(tools, "node_modules", "kubernetes-models");

let failures = 0;
let count = 0;
for (const doc of YAML.parseAllDocuments(readFileSync(0, "utf8"))) {
  if (doc.errors.length > 0) {
    console.error(`${label}: YAML error: ${doc.errors[0].message}`);
    failures++;
    continue;
  }
  const object = doc.toJS();
  if (object == null) continue;
  const name = `${label}: ${object.kind}/${object.metadata?.name}`;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const module = join(models, ...(group ? [group] : []), version, `${object.kind}.js`);
  if (!existsSync(module)) {
    console.error(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    failures++;
    continue;
  }
  const Model = (await import(pathToFileURL(module).href))[object.kind];
  try {
    new Model(object).validate();
    count++;
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    failures++;
  }
}
console.log(`${label}: ${count} objects valid, ${failures} invalid`);
process.exit(failures === 0 && count > 0 ? 0 : 1);
