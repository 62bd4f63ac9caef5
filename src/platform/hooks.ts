// A dependency on a module built later (where passing it at construction would be a cycle): given once
// the app has built that module, with no default. Reading it before it was given fails, and the app
// checks every hook at start-up (assertGiven), so forgetting the wiring never silently skips a rule.
export interface RequiredHook<T> {
  give(value: T): void;
  get(): T;
  assertGiven(): void;
}

export function requiredHook<T>(name: string): RequiredHook<T> {
  let value: T | undefined;
  const missing = () => new Error(`${name} is not wired: the app must give it before it starts`);
  return {
    give(given) {
      value = given;
    },
    get() {
      if (value === undefined) throw missing();
      return value;
    },
    assertGiven() {
      if (value === undefined) throw missing();
    },
  };
}
