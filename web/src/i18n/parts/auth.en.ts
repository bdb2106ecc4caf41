import type { authTh } from './auth.th';

// English texts of the sign-in, sign-up and password screens.
export const authEn: Record<keyof typeof authTh, string> = {
  'auth.loginTitle': 'Sign in',
  'auth.signupTitle': 'Create an account',
  'auth.identifier': 'Email or phone number',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least 8 characters',
  'auth.displayName': 'Display name',
  'auth.signupWith': 'Sign up with',
  'auth.email': 'Email',
  'auth.phone': 'Phone number',
  'auth.login': 'Sign in',
  'auth.signup': 'Create account',
  'auth.noAccount': 'No account yet?',
  'auth.haveAccount': 'Already have an account?',
  'auth.why': 'An account lets you follow reports and get notified, but you can report without one.',
  'auth.loggingOut': 'Signing out…',
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.hint': 'At least 8 characters. Other devices signed in to this account will be signed out.',
  'password.submit': 'Change password',
  'password.changed': 'Password changed',
};
