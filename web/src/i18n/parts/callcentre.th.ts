// Thai texts of the callcentre screens. Every key here must also be in callcentre.en.ts.
export const callcentreTh = {
} satisfies Record<string, string>;
