// Stands in for Ponder's virtual `ponder:registry` module in unit tests that run outside Ponder's build.
export const ponder = {
  on() {
    throw new Error('unit tests pass their own registry');
  },
};
