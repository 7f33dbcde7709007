/**
 * How many inputs each property test tries: CI-sized by default, more for a long run
 * (`PROPERTY_RUNS=1000 npm test`), so one knob turns every property test into a soak.
 */
export function propertyRuns(ciRuns = 50): number {
  const asked = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : ciRuns;
}
