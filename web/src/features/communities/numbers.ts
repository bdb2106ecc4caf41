/** Whole numbers go as numbers; anything else is sent as typed so the server can say what is wrong with it. */
export function wholeNumber(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}
