// Alternates esbuild bundles of cpu-time.ts (one per checkout) in one process: for each round and each scenario, each
// bundle runs it once; prints every run's CPU seconds and each bundle's best. Build a bundle from a checkout with
//   npx esbuild packages/sim-core/bench/speculative/cpu-time.ts --bundle --platform=node --format=esm --outfile=NAME.mjs
// (from its root, or point esbuild at its copy of cpu-time.ts), then
//   node packages/sim-core/bench/speculative/cpu-time-compare.mjs ROUNDS old.mjs new.mjs -- FILE.yaml ...
const args = process.argv.slice(2);
const rounds = Number(args[0]);
const sep = args.indexOf('--');
const bundles = args.slice(1, sep);
const files = args.slice(sep + 1);
const mods = await Promise.all(bundles.map((b) => import(b)));
const runs = new Map();
for (let r = 0; r < rounds; r++) {
  for (const file of files) {
    for (let b = 0; b < mods.length; b++) {
      const { seconds, outputTokens } = mods[b].cpuSeconds(file);
      const key = `${bundles[b]} ${file}`;
      runs.set(key, [...(runs.get(key) ?? []), seconds]);
      console.log(`round ${r + 1} ${key}: ${seconds.toFixed(3)} s CPU (${outputTokens} output tokens)`);
    }
  }
}
for (const [key, xs] of runs) console.log(`best of ${xs.length}: ${Math.min(...xs).toFixed(3)} s  (${xs.map((x) => x.toFixed(3)).join(', ')})  ${key}`);
