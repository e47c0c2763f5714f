import type { ErrorObject } from 'ajv';
import { effectiveContext, sourceOf, type ContextSource, type EffectiveContext } from '../../model/config-context.js';
import { describe, objectsOf, ref, type Obj } from '../../model/model.js';
import { profileValidator, runSchema, TOO_DEEP } from '../profile-schemas.js';
import type { Finding, Rule } from '../rule.js';

/** A JSON pointer's segments, numbers where the data holds a list (locations index lists by number). */
function pointerPath(pointer: string, data: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let at: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(at) && /^\d+$/.test(key) ? Number(key) : key;
    out.push(step);
    at = at !== null && typeof at === 'object' ? (at as any)[step] : undefined;
  }
  return out;
}

function problemText(e: ErrorObject, path: readonly (string | number)[]): string {
  const where = path.length ? path.join('.') : 'the config context';
  if (e.keyword === 'additionalProperties') return `${where} must not have the key "${e.params.additionalProperty}"`;
  return `${where} ${e.message ?? e.keyword}`;
}

/** The schemas that judge an object's merged context: each applying context's own, and its profile's. */
function schemaOwners(ec: EffectiveContext): Obj[] {
  const owners: Obj[] = [];
  for (const context of ec.contexts) {
    const profile = ref(context, 'profile');
    for (const owner of [context, profile]) {
      if (owner && owner.data.effective_schema && typeof owner.data.effective_schema === 'object' && !owners.includes(owner)) owners.push(owner);
    }
  }
  return owners;
}

interface Group {
  owner: Obj;
  /** Where the bad value was written; undefined when nothing supplied it (a required key is missing). */
  source?: ContextSource;
  problem: string;
  objects: Obj[];
}

const MAX_NAMED = 5;

function namedList(objects: Obj[]): string {
  const names = objects.slice(0, MAX_NAMED).map((o) => `"${o.data.name ?? `#${o.id}`}"`);
  const more = objects.length - MAX_NAMED;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function ownerLabel(owner: Obj): string {
  return `${owner.kind.kind === 'extras.configcontextprofile' ? 'profile' : 'context'} "${owner.data.name}"`;
}

export const configContextEffectiveSchema: Rule = {
  id: 'extras/config-context-effective-schema',
  description: "The merged config context of a device or virtual machine does not meet the effective_schema of a context (or of a context's profile) that applies to it.",
  severity: 'error',
  help: 'change the value where it is written (the context or local_context_data named), add the missing key to a context that applies, or fix the effective_schema',
  run(model) {
    const findings: Finding[] = [];
    const badSchemas = new Set<Obj>();
    // One mistake written once is one error, however many devices inherit it: group by where it was written.
    const groups = new Map<string, Group>();
    for (const obj of [...objectsOf(model, 'dcim.device'), ...objectsOf(model, 'virtualization.virtualmachine')]) {
      const ec = effectiveContext(model, obj);
      // A context with a schema error of its own (its data missing) is reported already.
      if (ec.contexts.some((c) => c.flawed)) continue;
      for (const owner of schemaOwners(ec)) {
        const validate = profileValidator(owner.data.effective_schema);
        if (validate === null) continue;
        if (typeof validate === 'string') {
          if (!badSchemas.has(owner)) {
            badSchemas.add(owner);
            findings.push({ obj: owner, field: 'effective_schema', message: `the effective_schema of ${ownerLabel(owner)} is not a valid JSON Schema: ${validate}`, data: { schema: owner.data.name } });
          }
          continue;
        }
        const result = runSchema(validate, ec.data);
        if (result === true) continue;
        // Data too deep to validate has no one value at fault: it is reported at the schema, once.
        const problems = result === 'too-deep' ? [undefined] : result;
        for (const e of problems) {
          const path = e ? pointerPath(e.instancePath, ec.data) : [];
          const valuePath = e?.keyword === 'additionalProperties' ? [...path, String(e.params.additionalProperty)] : path;
          const source = !e || (e.keyword === 'required' && path.length === 0) ? undefined : sourceOf(ec, valuePath);
          const problem = e ? problemText(e, path) : `the config context ${TOO_DEEP}`;
          const key = `${owner.id}|${source ? `${source.obj.id}|${JSON.stringify(source.path)}` : ''}|${problem}`;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = { owner, source, problem, objects: [] }));
          // Objects come one at a time, so a repeat within a group is always its last entry.
          if (group.objects[group.objects.length - 1] !== obj) group.objects.push(obj);
        }
      }
    }
    for (const g of groups.values()) {
      const who = g.objects.length === 1 ? describe(g.objects[0]) : `${g.objects.length} objects (${namedList(g.objects)})`;
      const message = `the config context of ${who} does not meet the effective_schema of ${ownerLabel(g.owner)}: ${g.problem}`;
      const data = { schema: g.owner.data.name, problem: g.problem, objects: g.objects.map((o) => o.data.name ?? `#${o.id}`) };
      const related = [{ obj: g.owner, field: 'effective_schema', message: `the effective_schema of ${ownerLabel(g.owner)}` }];
      if (g.source) {
        const [field, ...subPath] = g.source.path;
        findings.push({ obj: g.source.obj, field: String(field), subPath, message, data, related });
      } else {
        // Nothing supplied the missing key: the schema that asks for it is the place to start.
        findings.push({ obj: g.owner, field: 'effective_schema', message, data });
      }
    }
    return findings;
  },
};
