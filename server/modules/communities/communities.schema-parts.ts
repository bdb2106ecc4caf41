/** Small schema pieces shared by the registry and the needs schemas. */
import { Type, type Static, type TSchema } from 'typebox';

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const DateTime = Type.String({ format: 'date-time' });
export const DateOnly = (description: string) => Type.String({ format: 'date', description: `${description} (YYYY-MM-DD)` });
export const LatLng = (description: string) => Type.Object({ lat: Type.Number(), lng: Type.Number() }, { description });

/**
 * A nullable field of a body Fastify validates. Fastify's AJV coerces types, and in a
 * union it would turn null into 0 or "" before trying the null branch; `nullable: true`
 * (OpenAPI 3.0, understood by AJV) keeps null as null.
 */
export const OrNull = <T extends TSchema>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, nullable: true });
