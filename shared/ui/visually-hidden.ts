// Text for screen readers only (a heading the banner makes redundant, the rest of a
// button's name): kept in the accessibility tree, out of sight.
export const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;
