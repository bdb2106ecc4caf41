// Thai texts of the integrity (corruption complaint) screens. Every key here must also be in integrity.en.ts.
export const integrityTh = {
} satisfies Record<string, string>;
