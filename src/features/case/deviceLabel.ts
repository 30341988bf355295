// How the timeline names the device a step was done on: the name its person gave it where this
// device knows it ("Priya's iPad"), "this device" for the one in hand, and otherwise a short
// form of its id, which the audit trail on the server can still trace.

export function deviceLabel(
  deviceId: string,
  names: Readonly<Record<string, string>> | undefined,
  thisDeviceId: string | null = null,
): string {
  const name = names?.[deviceId];
  if (deviceId === thisDeviceId) return name ? `this device (${name})` : 'this device';
  return name ?? `another device (${deviceId.slice(0, 8)})`;
}
