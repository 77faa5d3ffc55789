// Splits a rendered overlay (stdin) into what `podman kube play` 4.3 can run, one pod per Deployment:
//   <out>/kube-<deployment>.yaml   the Deployment with every ConfigMap it may read, each container port published
//                                  on 127.0.0.1 at the host port given as <deployment>=<port>
//   <out>/secret-<name>.json       each Secret's data as the JSON map {"KEY": "<base64>"} that podman 4.3 reads from
//                                  a podman secret for envFrom.secretRef (`podman secret create <name> <file>`); a
//                                  Secret played as a kind is stored as YAML and then fails that very read
//                                  ("secret ... is not valid JSON"; containers/podman#17071)
// and prints the kinds it leaves out (podman 4.3 plays Pod, Deployment, PersistentVolumeClaim and ConfigMap only).
// Usage: node kube-play-split.mjs <node_modules with yaml> <out> <deployment>=<port>... < rendered.yaml
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [modules, out, ...ports] = process.argv.slice(2);
const YAML = createRequire(join(resolve(modules), 'node_modules', 'noop.js'))('yaml');
const hostPorts = Object.fromEntries(ports.map((p) => p.split('=')));

const objects = YAML.parseAllDocuments(readFileSync(0, 'utf8')).map((d) => d.toJS()).filter(Boolean);
const configMaps = objects.filter((o) => o.kind === 'ConfigMap');
const skipped = new Map();
for (const o of objects) {
  if (o.kind === 'Deployment') {
    const name = o.metadata.name;
    if (!hostPorts[name]) throw new Error(`no host port given for Deployment ${name}`);
    for (const container of o.spec.template.spec.containers) {
      for (const port of container.ports ?? []) {
        port.hostIP = '127.0.0.1';
        port.hostPort = Number(hostPorts[name]);
      }
    }
    writeFileSync(join(out, `kube-${name}.yaml`), [...configMaps, o].map((x) => YAML.stringify(x)).join('---\n'));
  } else if (o.kind === 'Secret') {
    const data = { ...(o.data ?? {}) };
    for (const [key, value] of Object.entries(o.stringData ?? {})) data[key] = Buffer.from(value).toString('base64');
    writeFileSync(join(out, `secret-${o.metadata.name}.json`), JSON.stringify(data), { mode: 0o600 });
  } else if (o.kind !== 'ConfigMap') {
    skipped.set(o.kind, (skipped.get(o.kind) ?? 0) + 1);
  }
}
console.log([...skipped].map(([kind, n]) => `${kind} x${n}`).join(', '));
