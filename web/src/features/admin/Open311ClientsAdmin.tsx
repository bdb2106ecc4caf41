/** Open311 API clients and their keys: being built (renders nothing until it lands). */
export function Open311ClientsAdmin() {
  return null;
}
