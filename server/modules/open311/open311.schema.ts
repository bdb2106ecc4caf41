import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const ClientId = Type.String({ pattern: '^[2-9A-HJ-NP-Z]{10}$', description: 'Public id of an Open311 client' });

export const ClientItem = Type.Object({
  id: ClientId,
  name: Type.String({ description: 'Who uses the key: an app, an agency system, a research group' }),
  key_prefix: Type.String({ description: 'The first characters of the key, to tell keys apart; the whole key is shown only once' }),
  created_at: DateTime,
  created_by: Nullable(Type.String({ description: 'Display name of the administrator who issued it (null: issued from the command line)' })),
  revoked_at: Nullable(DateTime),
  last_used_at: Nullable(DateTime),
  requests: Type.Integer({ description: 'Service requests this client has filed' }),
});

export const ClientList = Type.Object({ items: Type.Array(ClientItem) });

export const ClientCreateBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, description: 'Who will use the key' }) },
  { additionalProperties: false },
);

export const ClientCreated = Type.Object({
  id: ClientId,
  name: Type.String(),
  api_key: Type.String({ description: 'The key, shown this once: only its sha256 is kept. Clients send it as api_key when they POST requests' }),
  key_prefix: Type.String(),
  created_at: DateTime,
});

export const ClientIdParams = Type.Object({ id: ClientId });
