// Route schemas compiled at a route's first request instead of at start-up. Fastify compiles the
// validators (Ajv) and serializers (fast-json-stringify) of every route of every module before it
// listens: about half a second of CPU and tens of MB for routes a process may never serve. These
// wrappers defer each route's compilation to its first call (same compiler, same options); after that
// the compiled function is called directly. A schema Ajv cannot compile fails that route's requests
// with a 500 instead of the start-up: every route is called by the tests (the authorization matrix).
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type Serialize = (data: unknown) => string;
type SerializerFactory = ReturnType<typeof SerializerSelector>;

/** A validator that compiles on its first call and then behaves as the compiled one (its `errors` included). */
export function lazyValidator<F extends ((...args: never[]) => unknown) & { errors?: unknown }>(compile: () => F): F {
  let compiled: F | undefined;
  const validate = Object.assign(
    (...args: Parameters<F>) => {
      compiled ??= compile();
      const result = compiled(...args);
      validate.errors = compiled.errors;
      return result;
    },
    // Fastify passes the parent object (so Ajv may coerce or default a request part's root) only to
    // functions that carry `schemaEnv`, as Ajv's compiled ones do.
    { errors: undefined as unknown, schemaEnv: true },
  );
  return validate as unknown as F;
}

export function lazySerializer(compile: () => Serialize): Serialize {
  let compiled: Serialize | undefined;
  return (data) => (compiled ??= compile())(data);
}

/** The serializer factory for the `schemaController.compilersFactory` server option: Fastify's own, each route's deferred. */
export function lazySerializerFactory(): SerializerFactory {
  const serializers = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = serializers(externalSchemas, options);
    return (route) => lazySerializer(() => compile(route));
  };
}
