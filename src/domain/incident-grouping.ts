export interface FailureGroup<K extends string = string> {
  /** The failing component that explains the others: none of its own dependencies is failing. */
  readonly cause: K;
  /** Failing components that depend on the cause, directly or through other components. */
  readonly dependents: readonly K[];
}

/**
 * Groups failing components by cause. A failing component with a failing (transitive) dependency is
 * listed under the nearest such dependency that is itself a cause; the others are causes, each its own
 * group. Groups and dependents follow the order of `failing`. Members of a failing dependency cycle
 * explain each other equally: each is its own cause, and what depends on the cycle goes to the first.
 */
export function groupFailures<K extends string>(
  failing: readonly K[],
  dependsOn: ReadonlyMap<K, readonly K[]>,
): FailureGroup<K>[] {
  const failingSet = new Set(failing);
  const failingDeps = new Map(
    failing.map((key) => [key, reachableFailing(key, failingSet, dependsOn)] as const),
  );
  // A cause is failing for no other reason than itself: its failing dependencies, if any, depend back on it.
  const causes = failing.filter((key) =>
    failingDeps.get(key)!.every((dep) => failingDeps.get(dep)!.includes(key)),
  );
  const causeSet = new Set(causes);
  const causeOf = (key: K): K =>
    causeSet.has(key) ? key : (failingDeps.get(key)!.find((dep) => causeSet.has(dep)) ?? key);

  const groups = new Map<K, K[]>();
  for (const key of failing) {
    const cause = causeOf(key);
    if (!groups.has(cause)) groups.set(cause, []);
    if (cause !== key) groups.get(cause)!.push(key);
  }
  return [...groups].map(([cause, dependents]) => ({ cause, dependents }));
}

// Failing components reachable through dependencies, nearest first (breadth first), excluding `key`.
function reachableFailing<K extends string>(
  key: K,
  failing: ReadonlySet<K>,
  dependsOn: ReadonlyMap<K, readonly K[]>,
): K[] {
  const seen = new Set<K>([key]);
  const found: K[] = [];
  let frontier: K[] = [key];
  while (frontier.length > 0) {
    const next: K[] = [];
    for (const node of frontier) {
      for (const dep of dependsOn.get(node) ?? []) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        next.push(dep);
        if (failing.has(dep)) found.push(dep);
      }
    }
    frontier = next;
  }
  return found;
}
