import { displayName, objectsOf, ref, refs, type Model, type Obj } from './model.js';

// Which cables end on each termination, derived once per model and shared by the cable rules.

export type CableSide = 'a' | 'b';

/** One end of a cable on one termination object. */
export interface CableEnd {
  cable: Obj;
  side: CableSide;
  termination: Obj;
  /**
   * Where the end is written on the cable: `a` / `b` for a single end, `a_terminations` / `b_terminations`
   * with the item's index for a list. When an item of the list does not resolve (reported by resolve),
   * the items that do cannot be matched to their places: the index is then absent and the end is the list.
   */
  field: string;
  index?: number;
}

export interface CableEnds {
  /** Termination → the cable ends on it, in inventory order (cables in order, A before B, items in order). */
  byTermination: Map<Obj, CableEnd[]>;
  /** Cable → its resolved ends by side, in the order written (shared by every caller: not to be changed). */
  byCable: Map<Obj, Record<CableSide, CableEnd[]>>;
}

const memo = new WeakMap<Model, CableEnds>();

/** Every cable end, computed on first use and shared by every rule that asks. */
export function cableEnds(model: Model): CableEnds {
  let ends = memo.get(model);
  if (!ends) memo.set(model, (ends = build(model)));
  return ends;
}

/** The cable ends on a termination (interface, port, circuit termination, power feed), in inventory order. */
export function endsOn(model: Model, termination: Obj): readonly CableEnd[] {
  return cableEnds(model).byTermination.get(termination) ?? [];
}

/** A cable's resolved ends on one side, in the order written. */
export function sideOf(model: Model, cable: Obj, side: CableSide): readonly CableEnd[] {
  return cableEnds(model).byCable.get(cable)?.[side] ?? [];
}

/** Where an end is written on its cable, as a finding's field and sub-path. */
export function endPlace(end: CableEnd): { field: string; subPath?: number[] } {
  return end.index === undefined ? { field: end.field } : { field: end.field, subPath: [end.index] };
}

/** A termination as a cable end is written: `leaf1:et1`, `PP-A:feed-1`, `CID-1:A`. */
export function endName(termination: Obj): string {
  const scopeField = termination.kind.key.scope[0];
  const scope = termination.owner ?? (scopeField ? ref(termination, scopeField) : undefined);
  return scope ? `${displayName(scope)}:${displayName(termination)}` : displayName(termination);
}

/** A cable as people name it: `"C-0001"` by its label, else by its ends, `leaf1:et1 – leaf2:et1`. */
export function cableName(model: Model, cable: Obj): string {
  if (typeof cable.data.label === 'string' && cable.data.label) return `"${cable.data.label}"`;
  const side = (s: CableSide) => sideOf(model, cable, s).map((e) => endName(e.termination)).join(', ') || '?';
  return `${side('a')} – ${side('b')}`;
}

function build(model: Model): CableEnds {
  const byTermination = new Map<Obj, CableEnd[]>();
  const byCable = new Map<Obj, Record<CableSide, CableEnd[]>>();
  for (const cable of objectsOf(model, 'dcim.cable')) {
    const a = endsOfSide(cable, 'a', A_FIELDS, byTermination);
    const b = endsOfSide(cable, 'b', B_FIELDS, byTermination);
    byCable.set(cable, { a, b });
  }
  return { byTermination, byCable };
}

/** A side's single-end field and list field, named once rather than per cable. */
const A_FIELDS = { single: 'a', list: 'a_terminations' } as const;
const B_FIELDS = { single: 'b', list: 'b_terminations' } as const;

/** A cable's resolved ends on one side, each entered under its termination too. */
function endsOfSide(cable: Obj, side: CableSide, fields: { single: string; list: string }, byTermination: Map<Obj, CableEnd[]>): CableEnd[] {
  const found = refs(cable, fields.list);
  const list = cable.data[fields.list];
  const written = cable.data[fields.single] !== undefined ? undefined : Array.isArray(list) ? list.length : 0;
  const ends: CableEnd[] = [];
  for (let i = 0; i < found.length; i++) {
    const termination = found[i];
    const end: CableEnd =
      written === undefined
        ? { cable, side, termination, field: fields.single }
        : written === found.length
          ? { cable, side, termination, field: fields.list, index: i }
          : { cable, side, termination, field: fields.list };
    ends.push(end);
    const on = byTermination.get(termination);
    if (on) on.push(end);
    else byTermination.set(termination, [end]);
  }
  return ends;
}
