import type { Model, Obj } from './model.js';

/** Custom field definitions by the kind they apply to, then by name. */
export function customFieldsByKind(model: Model): Map<string, Map<string, Obj>> {
  const out = new Map<string, Map<string, Obj>>();
  for (const def of model.byKind.get('extras.customfield') ?? []) {
    const types = Array.isArray(def.data.object_types) ? def.data.object_types : [];
    for (const kind of types) {
      if (typeof kind !== 'string' || typeof def.data.name !== 'string') continue;
      let byName = out.get(kind);
      if (!byName) out.set(kind, (byName = new Map()));
      byName.set(def.data.name, def);
    }
  }
  return out;
}

const scans = new WeakMap<Model, Obj[]>();

/** Objects that set custom fields (one scan per model, shared by the custom field rules). */
export function objectsWithCustomFields(model: Model): Obj[] {
  let found = scans.get(model);
  if (!found) {
    found = [];
    for (const o of model.objects) if (o.kind.customFields && o.data.custom_fields !== undefined) found.push(o);
    scans.set(model, found);
  }
  return found;
}

/** NetBox treats null and "" as empty: they skip type checks and fail `required`. */
export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** The value an object has for a field: what it writes, else the field's default (applied on create). */
export function customFieldValue(obj: Obj, def: Obj): unknown {
  const cf = obj.data.custom_fields;
  const written = cf && typeof cf === 'object' && !Array.isArray(cf) && def.data.name in cf ? cf[def.data.name] : undefined;
  return written !== undefined ? written : def.data.default;
}

/** Every custom field value written on an object: the object, the field's name, the value. */
export function* customFieldEntries(model: Model): Generator<{ obj: Obj; name: string; value: unknown }> {
  for (const obj of objectsWithCustomFields(model)) {
    const cf = obj.data.custom_fields;
    if (!cf || typeof cf !== 'object' || Array.isArray(cf)) continue;
    for (const name of Object.keys(cf)) yield { obj, name, value: cf[name] };
  }
}
