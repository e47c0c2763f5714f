// The semantic diff between two compiles of an inventory (`sot diff`), as its JSON format writes it.
// docs/diff.md documents this shape; `format` changes whenever a field changes meaning or goes away.

export const DIFF_FORMAT = 1;

/** A place in an inventory file, 1-based as editors and GitHub annotations count. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** One side of a diff: the revision as the user named it, and the commit it meant (null: the working tree). */
export interface DiffSide {
  rev: string;
  commit: string | null;
}

/**
 * One field of an object that differs. Values are the resolved form: data as NetBox would hold it, a
 * reference as the natural key (text) of the object it names, a list of references as a list of keys.
 * An absent `before` (or `after`) means the field is unset on that side.
 */
export interface FieldChange {
  /**
   * The field, or a path into it down to the part that differs: a mapping's key (`custom_fields.owner`,
   * `data.ntp.servers`), a named list item (`interfaces[eth2].description`).
   */
  field: string;
  before?: unknown;
  after?: unknown;
}

export type ObjectAction = 'create' | 'update' | 'delete' | 'rename';

/** One object a change touches, keyed by its natural key. */
export interface ObjectChange {
  action: ObjectAction;
  /** NetBox's app.model, e.g. dcim.device. */
  kind: string;
  /** The natural key as text (the head's; the base's for a delete), e.g. `dc1 / leaf1 / Ethernet1`. */
  key: string;
  /** A rename's key in the base. */
  from_key?: string;
  /** Where the object is written in the base (update, rename, delete) and in the head (create, update, rename). */
  base?: Place;
  head?: Place;
  /** update and rename: the fields that differ, in the kind's field order. */
  changes?: FieldChange[];
}

/**
 * Changes that follow from one written change rather than being written themselves: the components a
 * device type (or module type) gives its devices. Members whose change is the same are folded into one
 * entry with their count and keys.
 */
export interface DerivedChange {
  /** The written object whose change causes these, e.g. the device type. */
  cause: { kind: string; key: string };
  action: 'create' | 'update' | 'delete';
  kind: string;
  /** update: the field changes every member shares. */
  changes?: FieldChange[];
  count: number;
  /** The members' keys, sorted. */
  objects: string[];
}

/** A device's (or virtual machine's) rendered config that differs between the sides. */
export interface ConfigChange {
  action: 'create' | 'update' | 'delete';
  kind: 'dcim.device' | 'virtualization.virtualmachine';
  /** The device's natural key. */
  key: string;
  /** The config's path as `sot build` writes it, e.g. configs/leaf1.cfg. */
  path: string;
  added: number;
  removed: number;
  /** `diff -u` text of the config, base → head. */
  diff: string;
}

export interface DiagnosticEntry {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** Where, in the side it belongs to: the head for introduced and pre-existing, the base for fixed. */
  at: Place;
}

export interface KindCounts {
  created: number;
  updated: number;
  deleted: number;
  renamed: number;
}

export interface DiffResult {
  format: typeof DIFF_FORMAT;
  base: DiffSide;
  head: DiffSide;
  summary: {
    objects: KindCounts;
    /** Per kind, only kinds with a change. */
    kinds: Record<string, KindCounts>;
    /** Objects changed through derived changes (the sum of their counts). */
    derived: number;
    /** Devices and virtual machines whose rendered config changes (the blast radius). */
    configs: { created: number; updated: number; deleted: number };
    diagnostics: { introduced: number; fixed: number; preexisting: number };
  };
  /** Sorted by kind, then key. */
  objects: ObjectChange[];
  /** Sorted by cause kind, cause key, kind, action. */
  derived: DerivedChange[];
  /** Sorted by path. */
  configs: ConfigChange[];
  diagnostics: {
    introduced: DiagnosticEntry[];
    fixed: DiagnosticEntry[];
    preexisting: DiagnosticEntry[];
  };
}
