// A service binds each of its operations to the dependencies it builds once: `bind(operation)` is the
// operation with the same parameters after `deps`, so the service holds no logic and no signature twice.
export function binder<Deps>(deps: Deps) {
  return <Args extends unknown[], Result>(operation: (deps: Deps, ...args: Args) => Result) =>
    (...args: Args): Result =>
      operation(deps, ...args);
}
