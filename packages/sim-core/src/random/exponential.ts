import type { Rng } from './rng.ts';

/**
 * Standard exponential variates by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method for
 * Generating Random Variables", J. Stat. Software 5(8), 2000). About 99% of draws take one 32-bit
 * random number, a table look-up and a multiply: no logarithm on the hot path of every arrival.
 */
const ke = new Uint32Array(256);
const we = new Float64Array(256);
const fe = new Float64Array(256);

(function buildTables() {
  const m2 = 4294967296;
  let de = 7.697117470131487;
  let tde = de;
  const ve = 3.949659822581572e-3;
  const q = ve / Math.exp(-de);
  ke[0] = Math.floor((de / q) * m2);
  ke[1] = 0;
  we[0] = q / m2;
  we[255] = de / m2;
  fe[0] = 1;
  fe[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    ke[i + 1] = Math.floor((de / tde) * m2);
    tde = de;
    fe[i] = Math.exp(-de);
    we[i] = de / m2;
  }
})();

/** One draw from Exp(1) (mean 1). Multiply by the mean for Exp(1/mean). */
export function standardExponential(rng: Rng): number {
  let jz = rng.nextU32();
  let iz = jz & 255;
  if (jz < ke[iz]!) return jz * we[iz]!;
  for (;;) {
    if (iz === 0) return 7.697117470131487 - Math.log(rng.next());
    const x = jz * we[iz]!;
    if (fe[iz]! + rng.next() * (fe[iz - 1]! - fe[iz]!) < Math.exp(-x)) return x;
    jz = rng.nextU32();
    iz = jz & 255;
    if (jz < ke[iz]!) return jz * we[iz]!;
  }
}
