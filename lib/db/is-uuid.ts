const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its text form: checked before a client-sent id reaches a `::uuid` cast (which would throw). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
