import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import { circuitDistanceUnit } from './circuits/circuit-distance-unit.js';
import { virtualCircuitProviderAccount } from './circuits/virtual-circuit-provider-account.js';
import { virtualCircuitTerminationInterface } from './circuits/virtual-circuit-termination-interface.js';
import { cableEndType } from './dcim/cable-end-type.js';
import { cableProfile } from './dcim/cable-profile.js';
import { cableTerminationOccupied } from './dcim/cable-termination-occupied.js';
import { devicePlacementWithoutRack } from './dcim/device-placement-without-rack.js';
import { devicePositionFace } from './dcim/device-position-face.js';
import { devicePositionOutsideRack } from './dcim/device-position-outside-rack.js';
import { deviceTypeChildHeight } from './dcim/device-type-child-height.js';
import { deviceRackLocation } from './dcim/device-rack-location.js';
import { moduleTypeProfile } from './dcim/module-type-profile.js';
import { powerFeedRackSite } from './dcim/power-feed-rack-site.js';
import { powerFeedVoltage } from './dcim/power-feed-voltage.js';
import { rackOuterUnit } from './dcim/rack-outer-unit.js';
import { rackReservationUnits } from './dcim/rack-reservation-units.js';
import { rackUnitClash } from './dcim/rack-unit-clash.js';
import { weightUnit } from './dcim/weight-unit.js';
import { duplicateIpAddress } from './ipam/duplicate-ip-address.js';
import { duplicatePrefix } from './ipam/duplicate-prefix.js';
import { uniqueName } from './lint/unique-name.js';
import { configContextProfile } from './extras/config-context-profile.js';
import { customFieldDefinition } from './extras/custom-field-definition.js';
import { customFieldRequired } from './extras/custom-field-required.js';
import { customFieldUnique } from './extras/custom-field-unique.js';
import { customFieldUnknown } from './extras/custom-field-unknown.js';
import { customFieldValue } from './extras/custom-field-value.js';
import { tagObjectType } from './extras/tag-object-type.js';
import { linkDistanceUnit } from './wireless/link-distance-unit.js';
import { linkInterfaceType } from './wireless/link-interface-type.js';
import { findingToDiagnostic, type CheckContext, type Rule } from './rule.js';

/** Every semantic rule, in id order. A conventions test requires a test and a docs page for each. */
export const RULES: readonly Rule[] = [
  circuitDistanceUnit,
  virtualCircuitProviderAccount,
  virtualCircuitTerminationInterface,
  cableEndType,
  cableProfile,
  cableTerminationOccupied,
  devicePlacementWithoutRack,
  devicePositionFace,
  devicePositionOutsideRack,
  deviceRackLocation,
  deviceTypeChildHeight,
  moduleTypeProfile,
  powerFeedRackSite,
  powerFeedVoltage,
  rackOuterUnit,
  rackReservationUnits,
  rackUnitClash,
  weightUnit,
  configContextProfile,
  customFieldDefinition,
  customFieldRequired,
  customFieldUnique,
  customFieldUnknown,
  customFieldValue,
  tagObjectType,
  duplicateIpAddress,
  duplicatePrefix,
  uniqueName,
  linkDistanceUnit,
  linkInterfaceType,
];

export function runChecks(model: Model, ctx: CheckContext, out: Diagnostic[]): void {
  for (const rule of RULES) {
    const severity = ctx.settings.rules[rule.id] ?? (rule.optIn ? 'off' : rule.severity);
    if (severity === 'off') continue;
    for (const f of rule.run(model, ctx)) out.push(findingToDiagnostic(rule, f, severity));
  }
}
