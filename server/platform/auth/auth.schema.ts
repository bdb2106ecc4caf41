import { Type } from 'typebox';

export const SessionUser = Type.Object({
  id: Type.String({ description: 'Public id of the account' }),
  display_name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.Literal('citizen'), Type.Literal('officer'), Type.Literal('agency_admin'), Type.Literal('agent'), Type.Literal('admin'), Type.Literal('planner'),
    Type.Literal('screening_officer'), Type.Literal('investigator'), Type.Literal('custodian'), Type.Literal('integrity_head')]),
  agency: Type.Union([
    Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String() }),
    Type.Null(),
  ]),
});

export const SignupBody = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 254, description: 'E-mail address (or give phone)' })),
    phone: Type.Optional(Type.String({ maxLength: 20, description: 'Thai phone number, e.g. 0812345678' })),
    password: Type.String({ minLength: 8, maxLength: 256 }),
    display_name: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 254, description: 'E-mail address or phone number' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const SessionResponse = Type.Object({
  user: Type.Union([SessionUser, Type.Null()]),
  csrf_token: Type.Union([Type.String(), Type.Null()], {
    description: 'Send as X-CSRF-Token on every non-GET request made with the session cookie',
  }),
});

export const TokenResponse = Type.Object({
  user: SessionUser,
  token: Type.String({ description: 'Bearer token for apps: Authorization: Bearer <token>' }),
});

export const PasswordChangeBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 256 }),
    new_password: Type.String({ minLength: 8, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const PushTokenBody = Type.Object(
  {
    token: Type.String({ minLength: 8, maxLength: 4096, description: "The device's push token from the app's push service" }),
    platform: Type.Union([Type.Literal('android'), Type.Literal('ios'), Type.Literal('web')]),
    locale: Type.Optional(Type.Union([Type.Literal('th'), Type.Literal('en')], { default: 'th' })),
  },
  { additionalProperties: false },
);
