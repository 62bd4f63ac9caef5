import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { registerHttpConventions } from './http.js';
import { lazySerializer, lazySerializerFactory, lazyValidator } from './lazy-schemas.js';

describe('route schemas compiled at first use', () => {
  it('compile once, on the first call, and then answer as the compiled function', () => {
    let compilations = 0;
    const compiled = Object.assign((data: unknown) => {
      compiled.errors = data === 1 ? null : [{ message: 'not one' }];
      return data === 1;
    }, { errors: null as unknown });
    const validate = lazyValidator(() => {
      compilations++;
      return compiled;
    });
    expect(compilations).toBe(0);
    expect(validate(2)).toBe(false);
    expect(validate.errors).toEqual([{ message: 'not one' }]);
    expect(validate(1)).toBe(true);
    expect(validate.errors).toBeNull();
    expect(compilations).toBe(1);

    let serializerCompilations = 0;
    const serialize = lazySerializer(() => {
      serializerCompilations++;
      return (data) => JSON.stringify(data);
    });
    expect(serializerCompilations).toBe(0);
    expect(serialize({ a: 1 })).toBe('{"a":1}');
    expect(serialize({ a: 2 })).toBe('{"a":2}');
    expect(serializerCompilations).toBe(1);
  });

  it('validate, coerce, default and serialize through the app\'s HTTP conventions as compiled ones do', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } } });
    registerHttpConventions(app);
    app.post(
      '/things/:id',
      {
        schema: {
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({ size: Type.Integer({ minimum: 1, default: 10 }) }),
          body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ id: Type.String(), size: Type.Integer(), name: Type.String() }) },
        },
      },
      async (request) => ({ ...(request.params as object), ...(request.query as object), ...(request.body as object), secret: 'not in the schema' }),
    );
    await app.ready();
    const id = '6f1c1f44-3b5e-4d7a-9c1e-2a7f4b8d9e01';
    const ok = await app.inject({ method: 'POST', url: `/things/${id}?size=3`, payload: { name: 'a' } });
    expect(ok.statusCode).toBe(200);
    // The querystring's integer was coerced, and the serializer wrote only the schema's fields.
    expect(ok.json()).toEqual({ id, size: 3, name: 'a' });
    const defaulted = await app.inject({ method: 'POST', url: `/things/${id}`, payload: { name: 'b' } });
    expect(defaulted.json()).toEqual({ id, size: 10, name: 'b' });
    const badBody = await app.inject({ method: 'POST', url: `/things/${id}`, payload: { name: '' } });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badBody.json().errors).toEqual([expect.objectContaining({ path: '/name' })]);
    const extra = await app.inject({ method: 'POST', url: `/things/${id}`, payload: { name: 'c', other: 1 } });
    expect(extra.statusCode).toBe(400);
    const badParam = await app.inject({ method: 'POST', url: '/things/not-a-uuid', payload: { name: 'd' } });
    expect(badParam.statusCode).toBe(400);
    expect(badParam.json().errors).toEqual([expect.objectContaining({ path: '/params/id', code: 'format' })]);
    await app.close();
  });
});
