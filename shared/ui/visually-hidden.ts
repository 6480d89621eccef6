// Text for screen readers only (a heading the banner makes redundant, the rest of a
// button's name): kept in the accessibility tree, out of sight.
// Pixel strings: in MUI's sx a bare 1 means 100%.
export const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;
