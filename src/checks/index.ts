import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import { circuitDistanceUnit } from './circuits/circuit-distance-unit.js';
import { virtualCircuitProviderAccount } from './circuits/virtual-circuit-provider-account.js';
import { virtualCircuitTerminationInterface } from './circuits/virtual-circuit-termination-interface.js';
import { cableEndType } from './dcim/cable-end-type.js';
import { cablePathLoop } from './dcim/cable-path-loop.js';
import { cablePathSplit } from './dcim/cable-path-split.js';
import { cablePathUnsupported } from './dcim/cable-path-unsupported.js';
import { cableProfile } from './dcim/cable-profile.js';
import { cableTerminationOccupied } from './dcim/cable-termination-occupied.js';
import { deviceBayInstalled } from './dcim/device-bay-installed.js';
import { deviceBayParent } from './dcim/device-bay-parent.js';
import { deviceClusterSite } from './dcim/device-cluster-site.js';
import { devicePlacementWithoutRack } from './dcim/device-placement-without-rack.js';
import { devicePlatformManufacturer } from './dcim/device-platform-manufacturer.js';
import { devicePositionFace } from './dcim/device-position-face.js';
import { devicePositionOutsideRack } from './dcim/device-position-outside-rack.js';
import { devicePrimaryIpAssigned } from './dcim/device-primary-ip-assigned.js';
import { devicePrimaryIpFamily } from './dcim/device-primary-ip-family.js';
import { deviceRackLocation } from './dcim/device-rack-location.js';
import { deviceTypeChildHeight } from './dcim/device-type-child-height.js';
import { deviceVcPosition } from './dcim/device-vc-position.js';
import { frontPortRearPosition } from './dcim/front-port-rear-position.js';
import { interfaceBridge } from './dcim/interface-bridge.js';
import { interfaceLag } from './dcim/interface-lag.js';
import { interfaceParent } from './dcim/interface-parent.js';
import { interfacePoe } from './dcim/interface-poe.js';
import { interfacePrimaryMac } from './dcim/interface-primary-mac.js';
import { interfaceVlanMode } from './dcim/interface-vlan-mode.js';
import { interfaceVlanSite } from './dcim/interface-vlan-site.js';
import { interfaceWireless } from './dcim/interface-wireless.js';
import { moduleBayDisabled } from './dcim/module-bay-disabled.js';
import { moduleTypeProfile } from './dcim/module-type-profile.js';
import { powerFeedRackSite } from './dcim/power-feed-rack-site.js';
import { powerFeedVoltage } from './dcim/power-feed-voltage.js';
import { powerPortDraw } from './dcim/power-port-draw.js';
import { rackOuterUnit } from './dcim/rack-outer-unit.js';
import { rackReservationUnits } from './dcim/rack-reservation-units.js';
import { rackUnitClash } from './dcim/rack-unit-clash.js';
import { rearPortPositionOccupied } from './dcim/rear-port-position-occupied.js';
import { templateReference } from './dcim/template-reference.js';
import { virtualChassisMaster } from './dcim/virtual-chassis-master.js';
import { weightUnit } from './dcim/weight-unit.js';
import { configContextEffectiveSchema } from './extras/config-context-effective-schema.js';
import { configContextProfile } from './extras/config-context-profile.js';
import { customFieldDefinition } from './extras/custom-field-definition.js';
import { customFieldRegexUnsupported } from './extras/custom-field-regex-unsupported.js';
import { customFieldRequired } from './extras/custom-field-required.js';
import { customFieldUnique } from './extras/custom-field-unique.js';
import { customFieldUnknown } from './extras/custom-field-unknown.js';
import { customFieldValue } from './extras/custom-field-value.js';
import { schemaPatternUnsupported } from './extras/schema-pattern-unsupported.js';
import { customValidator } from './extras/custom-validator.js';
import { tagObjectType } from './extras/tag-object-type.js';
import { aggregateOverlap } from './ipam/aggregate-overlap.js';
import { asnRangeStartEnd } from './ipam/asn-range-start-end.js';
import { duplicateIpAddress } from './ipam/duplicate-ip-address.js';
import { duplicatePrefix } from './ipam/duplicate-prefix.js';
import { ipAddressNetworkBroadcast } from './ipam/ip-address-network-broadcast.js';
import { ipAddressPopulatedRange } from './ipam/ip-address-populated-range.js';
import { ipAddressSlaac } from './ipam/ip-address-slaac.js';
import { ipRangeBounds } from './ipam/ip-range-bounds.js';
import { ipRangeOverlap } from './ipam/ip-range-overlap.js';
import { prefixHostBits } from './ipam/prefix-host-bits.js';
import { vlanGroupSite } from './ipam/vlan-group-site.js';
import { vlanGroupVidRanges } from './ipam/vlan-group-vid-ranges.js';
import { vlanQinq } from './ipam/vlan-qinq.js';
import { vlanVidOutsideGroup } from './ipam/vlan-vid-outside-group.js';
import { zeroMask } from './ipam/zero-mask.js';
import { interfaceVlanAvailable } from './lint/interface-vlan-available.js';
import { ipOutsidePrefix } from './lint/ip-outside-prefix.js';
import { prefixOverlap } from './lint/prefix-overlap.js';
import { prefixVlanSite } from './lint/prefix-vlan-site.js';
import { serviceIpParent } from './lint/service-ip-parent.js';
import { uniqueName } from './lint/unique-name.js';
import { vlanUnused } from './lint/vlan-unused.js';
import { vmClusterSite } from './virtualization/vm-cluster-site.js';
import { vmDeviceCluster } from './virtualization/vm-device-cluster.js';
import { vmDeviceSite } from './virtualization/vm-device-site.js';
import { vmDisk } from './virtualization/vm-disk.js';
import { vmInterfaceBridge } from './virtualization/vm-interface-bridge.js';
import { vmInterfaceParent } from './virtualization/vm-interface-parent.js';
import { vmPlacement } from './virtualization/vm-placement.js';
import { vmPrimaryIpAssigned } from './virtualization/vm-primary-ip-assigned.js';
import { vmPrimaryIpFamily } from './virtualization/vm-primary-ip-family.js';
import { ikePolicyMode } from './vpn/ike-policy-mode.js';
import { ipsecProposalAlgorithm } from './vpn/ipsec-proposal-algorithm.js';
import { l2vpnPointToPoint } from './vpn/l2vpn-point-to-point.js';
import { linkDistanceUnit } from './wireless/link-distance-unit.js';
import { linkInterfaceType } from './wireless/link-interface-type.js';
import { findingToDiagnostic, type CheckContext, type Finding, type Rule } from './rule.js';

/** Every semantic rule, in id order. A conventions test requires a test and a docs page for each. */
export const RULES: readonly Rule[] = [
  circuitDistanceUnit,
  virtualCircuitProviderAccount,
  virtualCircuitTerminationInterface,
  cableEndType,
  cablePathLoop,
  cablePathSplit,
  cablePathUnsupported,
  cableProfile,
  cableTerminationOccupied,
  deviceBayInstalled,
  deviceBayParent,
  deviceClusterSite,
  devicePlacementWithoutRack,
  devicePlatformManufacturer,
  devicePositionFace,
  devicePositionOutsideRack,
  devicePrimaryIpAssigned,
  devicePrimaryIpFamily,
  deviceRackLocation,
  deviceTypeChildHeight,
  deviceVcPosition,
  frontPortRearPosition,
  interfaceBridge,
  interfaceLag,
  interfaceParent,
  interfacePoe,
  interfacePrimaryMac,
  interfaceVlanMode,
  interfaceVlanSite,
  interfaceWireless,
  moduleBayDisabled,
  moduleTypeProfile,
  powerFeedRackSite,
  powerFeedVoltage,
  powerPortDraw,
  rackOuterUnit,
  rackReservationUnits,
  rackUnitClash,
  rearPortPositionOccupied,
  templateReference,
  virtualChassisMaster,
  weightUnit,
  configContextEffectiveSchema,
  configContextProfile,
  customFieldDefinition,
  customFieldRegexUnsupported,
  customFieldRequired,
  customFieldUnique,
  customFieldUnknown,
  customFieldValue,
  schemaPatternUnsupported,
  customValidator,
  tagObjectType,
  aggregateOverlap,
  asnRangeStartEnd,
  duplicateIpAddress,
  duplicatePrefix,
  ipAddressNetworkBroadcast,
  ipAddressPopulatedRange,
  ipAddressSlaac,
  ipRangeBounds,
  ipRangeOverlap,
  prefixHostBits,
  vlanGroupSite,
  vlanGroupVidRanges,
  vlanQinq,
  vlanVidOutsideGroup,
  zeroMask,
  interfaceVlanAvailable,
  ipOutsidePrefix,
  prefixOverlap,
  prefixVlanSite,
  serviceIpParent,
  uniqueName,
  vlanUnused,
  vmClusterSite,
  vmDeviceCluster,
  vmDeviceSite,
  vmDisk,
  vmInterfaceBridge,
  vmInterfaceParent,
  vmPlacement,
  vmPrimaryIpAssigned,
  vmPrimaryIpFamily,
  ikePolicyMode,
  ipsecProposalAlgorithm,
  l2vpnPointToPoint,
  linkDistanceUnit,
  linkInterfaceType,
];

/**
 * A finding on an object with a schema error that may be what it sees: the object lacks a field it
 * was meant to have (misspelt or missing: any check may read it), or a written field with an error is
 * the one the finding is about or names.
 */
function readsFlawedField(f: Finding): boolean {
  const errors = f.obj.errorFields;
  if (!f.obj.flawed || !errors) return false;
  for (const e of errors) {
    if (f.obj.data[e] === undefined || e === f.field || f.message.includes(e) || f.message.includes(e.replace(/_/g, ' '))) return true;
  }
  return false;
}

/** A finding about a field that names an object with a schema error (a primary IP, an interface). */
function namesFlawed(f: Finding): boolean {
  const named = f.field ? f.obj.refs[f.field] : undefined;
  if (Array.isArray(named) ? named.some((o) => o.flawed) : named?.flawed) return true;
  return f.related?.some((r) => r.obj.flawed) ?? false;
}

export function runChecks(model: Model, ctx: CheckContext, out: Diagnostic[]): void {
  for (const rule of RULES) {
    const severity = ctx.settings.rules[rule.id] ?? (rule.optIn ? 'off' : rule.severity);
    if (severity === 'off') continue;
    for (const f of rule.run(model, ctx)) {
      // A finding that reads a field with a schema error (reported), or a reference that may have found
      // a namesake of a broken object, would most often be that same mistake seen again (a misspelt
      // length_unit: a length without its unit).
      if (!readsFlawedField(f) && !f.obj.uncertain && !namesFlawed(f)) out.push(findingToDiagnostic(rule, f, severity));
    }
  }
}
