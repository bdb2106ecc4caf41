/** Outbox deliveries for staff: being built (renders nothing until it lands). */
export function OutboxAdmin() {
  return null;
}
