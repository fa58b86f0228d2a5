/**
 * A one-service scenario written as a user would: constant traffic into one service and, optionally, `expect:`
 * lines; `service` is the inside of its flow mapping after the name (e.g. `replicas: 2, latency: { … }`).
 */
export function oneServiceText(o: { name: string; qps: number; service: string; duration?: string; expect?: readonly string[] }): string {
  const expect = o.expect === undefined ? '' : `  expect:\n${o.expect.map((e) => `    - ${e}\n`).join('')}`;
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ${o.name} }
spec:
  duration: ${o.duration ?? '10m'}
  traffic:
    - { target: api, profile: { type: constant, qps: ${o.qps} } }
  services:
    - { name: api, ${o.service} }
${expect}`;
}
