// Thai texts of the open311 screens. Every key here must also be in open311.en.ts.
export const open311Th = {
} satisfies Record<string, string>;
